#!/usr/bin/env bash
# Prints the README's command tour: each command exactly as written, then its real output.
# Run from the repository root after `swift build -c release`; paste the result into README.md.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/rtcost}
run() {
  printf '```console\n$ rtcost %s\n' "$*"
  "$BIN" "$@" 2>&1 | sed -e 's/[[:space:]]*$//'
  printf '```\n\n'
}
while IFS= read -r line; do
  [ -z "$line" ] && continue
  case "$line" in \#*) printf '%s\n\n' "${line#\# }"; continue ;; esac
  eval "run $line"
done <<'TOUR'
# ### prices
prices --model gpt-realtime
prices --model no-such-model
# ### replay
replay fixtures/recordings/ga-timed-pcm16.jsonl
replay ../shared/realdata/streams/banyan-log1.server-events.jsonl --format json
# ### audio
audio fixtures/wav/speech-like-24k.wav
# ### simulate
simulate --horizon 1d
# ### forecast
forecast --worlds 200
# ### plan
plan scenarios/fleet-example.yaml
# ### dashboard
dashboard fixtures/stats/usage_stats.json
TOUR
