#!/usr/bin/env bash
# Builds and runs Examples/EmbedGuard, an app that embeds the real session guard, and checks that it
# needs only the embeddable modules: Billing, RealtimeEvents and SessionGuard are compiled, nothing
# else of rtcost's (no AudioIO, no YAML), and the binary links neither libsndfile nor libsamplerate.
set -euo pipefail
cd "$(dirname "$0")/../Examples/EmbedGuard"
swift build >&2
bin=.build/debug/EmbedGuard
output=$("$bin")
echo "$output"
grep -q 'billed \$0.0128 for 1 response; session open: false' <<<"$output" \
  || { echo "check-embedding: unexpected output from the example" >&2; exit 1; }
modules=$(ls .build/debug/Modules | sed -n 's/\.swiftmodule$//p' | sort | tr '\n' ' ')
[ "$modules" = "Billing EmbedGuard RealtimeEvents SessionGuard " ] \
  || { echo "check-embedding: compiled modules are '$modules'" >&2; exit 1; }
if ldd "$bin" | grep -qiE 'sndfile|samplerate|yaml'; then
  echo "check-embedding: the example links a library the embeddable modules must not need" >&2
  exit 1
fi
echo "check-embedding: ok (modules: $modules)"
