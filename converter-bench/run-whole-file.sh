#!/usr/bin/env bash
# Whole-file benchmark: generates a COCO train2017-like input if missing, then runs, each in its
# OWN JVM (so each peak RSS is that step's alone): a bare Jackson token scan, COCO->COCO and
# COCO->Avala through the Labelport facade; prints wall seconds, peak RSS (VmHWM) and the ratios
# conversion/scan.
#
#   converter-bench/run-whole-file.sh                         # train2017 size, -Xmx256m
#   converter-bench/run-whole-file.sh --preset big            # 1.5M annotations (~800 MB), -Xmx256m
#   converter-bench/run-whole-file.sh --data /big/disk --xmx 512m --targets coco
#   converter-bench/run-whole-file.sh --xmx 192m --targets yolo,yolo.zip,voc,voc.zip   # folder formats; .zip = into an archive
#
# Options: --data DIR (default <repo>/bench-data, git-ignored), --preset train2017|big,
# --seed S, --xmx SIZE (default 256m), --targets LIST (default coco,avala; FORMAT.zip writes a
# folder format into a zip), --keep-output,
# --build (rebuild the jar first). Linux only for the RSS figures (/proc/self/status).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
jar="$here/target/labelport-bench.jar"

data="$repo/bench-data"
preset="train2017"
seed="2017"
xmx="256m"
targets="coco,avala"
keep=()
build=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --preset) preset="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --xmx) xmx="$2"; shift 2 ;;
    --targets) targets="$2"; shift 2 ;;
    --keep-output) keep=(--keep-output); shift ;;
    --build) build=true; shift ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 64 ;;
  esac
done

if [[ "$build" == true || ! -f "$jar" ]]; then
  (cd "$repo" && mvn -B -q -ntp -pl converter-bench -am package -DskipTests)
fi

mkdir -p "$data"
input="$data/coco-$preset-s$seed.json"
if [[ ! -f "$input" ]]; then
  echo "== generating $input"
  java -jar "$jar" generate --preset "$preset" --seed "$seed" --out "$input"
fi
echo "== free space where outputs go:"; df -h "$data" | tail -1

exec java -jar "$jar" whole-file --in "$input" --xmx "$xmx" --targets "$targets" --work "$data/out" "${keep[@]}"
