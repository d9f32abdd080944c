#!/usr/bin/env bash
# Replay benchmark: the whole `rtcost replay` command (read, price, guard, report) on a large
# synthetic recording of 24 kHz audio (scripts/make-bench-recording.py), against `wc -l` on the
# same file, in the same run; best of BENCH_RUNS each, release build.
#
#   scripts/bench-replay.sh                 # 256 MB, best of 3
#   BENCH_MB=512 BENCH_RUNS=5 scripts/bench-replay.sh
#   BENCH_DYNAMIC=1 scripts/bench-replay.sh # the Swift runtime loaded at start, not linked in
#
# The binary is built as `make build` and deploy/Dockerfile build it (--static-swift-stdlib).
#
# It also times `rtcost replay` of a recording with one event: the fixed cost of a run (starting
# the process, loading the price book, writing the report), which no recording's size changes.
set -euo pipefail
cd "$(dirname "$0")/.."
MB="${BENCH_MB:-256}"
RUNS="${BENCH_RUNS:-3}"
[[ "$MB" =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_MB must be a positive whole number of megabytes, got '$MB'" >&2; exit 2; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_RUNS must be a positive whole number, got '$RUNS'" >&2; exit 2; }
if [ "${BENCH_DYNAMIC:-0}" = 1 ]; then
  SCRATCH=.build-rel
  swift build -c release --product rtcost --scratch-path "$SCRATCH" >&2
else
  SCRATCH=.build-static
  swift build -c release --product rtcost --static-swift-stdlib --scratch-path "$SCRATCH" >&2
fi
BIN=$SCRATCH/release/rtcost
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
file="$dir/recording-${MB}mb.jsonl"
python3 scripts/make-bench-recording.py "$file" "$MB"
tiny="$dir/first-3-lines.jsonl"
head -n 3 "$file" >"$tiny"
best() {
  local best_time="" start end took
  for _ in $(seq "$RUNS"); do
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    took=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
    best_time=$(awk -v t="$took" -v b="$best_time" 'BEGIN { print (b == "" || t < b) ? t : b }')
  done
  echo "$best_time"
}
"$BIN" replay "$file" >"$dir/report.txt"
grep -q "^as billed: " "$dir/report.txt" || { echo "replay printed no report" >&2; exit 1; }
wc_time=$(best wc -l "$file")
replay_time=$(best "$BIN" replay "$file")
start_time=$(best "$BIN" replay "$tiny")
bytes=$(wc -c <"$file")
awk -v w="$wc_time" -v r="$replay_time" -v s="$start_time" -v b="$bytes" 'BEGIN {
  printf "recording: %.0f MB\n", b / 1e6
  printf "  wc -l:         %6.3f s  %7.1f MB/s\n", w, b / w / 1e6
  printf "  rtcost replay: %6.3f s  %7.1f MB/s\n", r, b / r / 1e6
  printf "  replay speed / wc -l speed = %.2f\n", w / r
  printf "  of which a run\047s fixed cost (replay of its first 3 lines): %.3f s\n", s
}'
