#!/usr/bin/env bash
# Recording-reader benchmark: builds Benchmarks/ in release mode, generates a large synthetic
# recording (mostly 24 kHz pcm16 appends and deltas) in /tmp, and prints the reader's MB/s next to
# `wc -l`'s MB/s on the same file, in the same run, with their ratio.
#
#   scripts/bench-reader.sh              # 256 MB file, best of 3 runs
#   BENCH_MB=512 BENCH_RUNS=5 scripts/bench-reader.sh
#   BENCH_KEEP=1 scripts/bench-reader.sh # keep the generated file for the next run
set -euo pipefail
cd "$(dirname "$0")/.."
MB="${BENCH_MB:-256}"
RUNS="${BENCH_RUNS:-3}"
DIR="${BENCH_DIR:-/tmp/rtcost-bench}"
FILE="$DIR/recording-${MB}mb.jsonl"
mkdir -p "$DIR"

echo "building rtcost-bench (release)..." >&2
swift build -c release --package-path Benchmarks --product rtcost-bench >&2
BIN="$(swift build -c release --package-path Benchmarks --show-bin-path)/rtcost-bench"

if [ ! -s "$FILE" ]; then
  echo "generating $FILE (${MB} MB)..." >&2
  "$BIN" generate "$FILE" "$MB"
fi
"$BIN" measure "$FILE" "$RUNS"
if [ -z "${BENCH_KEEP:-}" ]; then rm -f "$FILE"; fi
