#!/bin/sh
# Regenerates testdata/masks-oracle/expected.tsv from pycocotools' C core.
#
# maskApi.c and maskApi.h are not in this repository: take them from
# https://github.com/cocodataset/cocoapi (common/maskApi.c, common/maskApi.h; checked at commit
# 28dffd92a2f38db538cc1bcccdc2b76f03f8ee99, the code pycocotools 2.0.x wheels are built from)
# and pass their folder as $1. Needs gcc and python3 (no numpy, no pip).
#
# Each line of expected.tsv is: CASE <tab> STRING AREA X Y W H [ok|differs]
# (STRING is "-" when empty, "sha256:<hex>" when longer than 256 chars; see maskapi_oracle.c).
set -eu
src=${1:?usage: make-expected.sh DIR-WITH-maskApi.c}
here=$(cd "$(dirname "$0")" && pwd)
out=$here/../../testdata/masks-oracle
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O2 -ffp-contract=off -include "$here/oracle_alloc.h" -I"$src" -c "$src/maskApi.c" -o "$tmp/maskApi.o"
gcc -O2 -I"$src" -o "$tmp/oracle" "$here/maskapi_oracle.c" "$tmp/maskApi.o" -lm
python3 "$here/gen_cases.py" > "$tmp/cases.txt"
"$tmp/oracle" < "$tmp/cases.txt" > "$tmp/out.txt"
mkdir -p "$out"
python3 "$here/pair.py" "$tmp/cases.txt" "$tmp/out.txt" > "$out/expected.tsv"
if [ -d "${EXTERNAL:-}" ]; then
  python3 "$here/external_cases.py" "$EXTERNAL" > "$tmp/ext.txt"
  cut -f2 "$tmp/ext.txt" | "$tmp/oracle" > "$tmp/ext-out.txt"
  python3 "$here/pair.py" "$tmp/ext.txt" "$tmp/ext-out.txt" --keys > "$out/external.tsv"
fi
wc -l "$out"/*.tsv
