#!/usr/bin/env bash
# The bounded-memory run: 1.5M annotations (~800 MB) converted with -Xmx256m, each step in its own
# JVM. Extra options go to run-whole-file.sh (e.g. --data DIR, --targets coco).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-whole-file.sh" --preset big --xmx 256m "$@"
