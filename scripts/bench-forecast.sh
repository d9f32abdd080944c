#!/usr/bin/env bash
# Forecast benchmark: the default forecast (bundled home-robot scenario, 200 worlds × 7 days ×
# 26 policies) in release builds, in the same run:
#   - the previous code: BASELINE_REF (default a4893ca, the last commit before the shared shadow
#     runs and the small events), built in .build-baseline/ (a git worktree; kept for the next run);
#   - this build's previous approach (hidden --previous-approach: every policy simulated, checks
#     reporting the streams), which reproduces that output byte for byte;
#   - this build's shared runs (policies that never act take one run watched by shadow guards;
#     alert-action siblings reuse a run that fired no alert), and --unshared-runs (every policy
#     simulated), checked byte-identical to it;
#   - the shared runs on one thread, for the parallel speed-up.
# Every figure of the report is checked equal to the previous code's; only `events_simulated` may
# differ (a check no longer reports the streams, so fewer events are simulated).
#
#   scripts/bench-forecast.sh
#   BASELINE_REF=<commit> scripts/bench-forecast.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BASELINE_REF="${BASELINE_REF:-a4893ca}"
SCRATCH=.build-rel
BASE=.build-baseline
swift build -c release --product rtcost --scratch-path "$SCRATCH" >&2
BIN=$SCRATCH/release/rtcost
if [ ! -d "$BASE/src" ]; then
  mkdir -p "$BASE"
  git worktree add --detach "$BASE/src" "$BASELINE_REF" >&2
fi
git -C "$BASE/src" checkout --quiet --detach "$BASELINE_REF"
echo "building the previous code ($BASELINE_REF, release; the first time takes as long as a release build)" >&2
(cd "$BASE/src" && swift build -c release --product rtcost --scratch-path ../build >&2)
OLD=$BASE/build/release/rtcost

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
measure() {
  local bin=$1 file=$2 start end
  shift 2
  start=$(date +%s.%N)
  "$bin" forecast --format json "$@" >"$file"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}
n=$(nproc)
old=$(measure "$OLD" "$dir/old.json" --jobs "$n")
previous=$(measure "$BIN" "$dir/previous.json" --jobs "$n" --previous-approach)
new=$(measure "$BIN" "$dir/new.json" --jobs "$n")
unshared=$(measure "$BIN" "$dir/unshared.json" --jobs "$n" --unshared-runs)
one=$(measure "$BIN" "$dir/one.json" --jobs 1)
cmp -s "$dir/old.json" "$dir/previous.json" || { echo "--previous-approach differs from $BASELINE_REF" >&2; exit 1; }
cmp -s "$dir/new.json" "$dir/unshared.json" || { echo "the shared and unshared forecasts differ" >&2; exit 1; }
cmp -s "$dir/new.json" "$dir/one.json" || { echo "--jobs 1 and --jobs $n differ" >&2; exit 1; }
if ! diff <(grep -v '"events_simulated"' "$dir/old.json") <(grep -v '"events_simulated"' "$dir/new.json") >&2; then
  echo "a figure differs from $BASELINE_REF's" >&2
  exit 1
fi
events=$(grep -m1 '"events_simulated"' "$dir/new.json" | tr -dc '0-9')
old_events=$(grep -m1 '"events_simulated"' "$dir/old.json" | tr -dc '0-9')
printf 'default forecast: every figure equal to %s'"'"'s; %s events simulated (%s before)\n' \
  "$BASELINE_REF" "$events" "$old_events"
awk -v e="$events" -v old="$old" -v prev="$previous" -v new="$new" -v uns="$unshared" -v one="$one" \
  -v n="$n" -v ref="$BASELINE_REF" 'BEGIN {
  printf "  previous code (%s),              --jobs %d: %6.2f s\n", ref, n, old
  printf "  previous approach in this build,      --jobs %d: %6.2f s\n", n, prev
  printf "  every policy simulated (--unshared-runs), --jobs %d: %6.2f s\n", n, uns
  printf "  shared runs,                          --jobs %d: %6.2f s  %6.2f M events/s\n", n, new, e / new / 1e6
  printf "  shared runs,                          --jobs 1: %6.2f s\n", one
  printf "  speed-up: %.2fx against the previous code, %.2fx against its approach in this build;", old / new, prev / new
  printf " parallel (jobs 1 / jobs %d): %.2fx\n", n, one / new
}'
