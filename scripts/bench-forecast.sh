#!/usr/bin/env bash
# Forecast benchmark: the default forecast (bundled home-robot scenario, 200 worlds × 7 days ×
# 26 policies) in a release build, in the same run:
#   - the previous approach (every policy simulated in every world, hidden --unshared-runs) and the
#     current one (a policy that differs from an earlier one only in its alert action reuses that
#     run when it fired no alert), both on every core, with a check that their JSON is identical;
#   - the current approach on one thread, for the parallel speed-up.
# Prints wall time, simulated events per second, and the ratios.
#
#   scripts/bench-forecast.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=.build-rel
swift build -c release --product rtcost --scratch-path "$SCRATCH" >&2
BIN=$SCRATCH/release/rtcost
out=$(mktemp)
old_out=$(mktemp)
trap 'rm -f "$out" "$old_out"' EXIT
measure() {
  local file=$1 start end
  shift
  start=$(date +%s.%N)
  "$BIN" forecast --format json "$@" >"$file"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}
n=$(nproc)
old=$(measure "$old_out" --jobs "$n" --unshared-runs)
new=$(measure "$out" --jobs "$n")
if ! cmp -s "$old_out" "$out"; then
  echo "the shared and unshared forecasts differ" >&2
  exit 1
fi
one=$(measure "$out" --jobs 1)
events=$(grep -m1 '"events_simulated"' "$out" | tr -dc '0-9')
printf 'default forecast: %s events simulated (identical JSON from both approaches)\n' "$events"
awk -v e="$events" -v old="$old" -v new="$new" -v one="$one" -v n="$n" 'BEGIN {
  printf "  previous (every policy simulated), --jobs %d: %6.2f s\n", n, old
  printf "  shared runs,                       --jobs %d: %6.2f s  %6.2f M events/s\n", n, new, e / new / 1e6
  printf "  shared runs,                       --jobs 1: %6.2f s\n", one
  printf "  speed-up (previous / shared): %.2fx; parallel (jobs 1 / jobs %d): %.2fx\n", old / new, n, one / new
}'
