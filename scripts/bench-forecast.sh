#!/usr/bin/env bash
# Forecast benchmark: the default forecast (bundled home-robot scenario, 200 worlds × 7 days ×
# 26 policies) in a release build, once on one thread and once on every core, in the same run.
# Prints wall time, simulated events per second, and the parallel speed-up (the ratio).
#
#   scripts/bench-forecast.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product rtcost >&2
BIN=.build/release/rtcost
out=$(mktemp)
trap 'rm -f "$out"' EXIT
measure() {
  local start end
  start=$(date +%s.%N)
  "$BIN" forecast --format json --jobs "$1" >"$out"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }' 
}
one=$(measure 1)
events=$(grep -m1 '"events_simulated"' "$out" | tr -dc '0-9')
all=$(measure "$(nproc)")
printf 'default forecast: %s events simulated\n' "$events"
awk -v e="$events" -v one="$one" -v all="$all" -v n="$(nproc)" 'BEGIN {
  printf "  --jobs 1: %6.2f s  %6.2f M events/s\n", one, e / one / 1e6
  printf "  --jobs %d: %6.2f s  %6.2f M events/s\n", n, all, e / all / 1e6
  printf "  speed-up (jobs 1 / jobs %d): %.2fx\n", n, one / all
}' 
