#!/usr/bin/env bash
# Proxy load benchmark (not a timed test): 100 concurrent sessions with realistic traffic (appends of
# 20-100 ms of pcm16 at that pace, 1 s responses in audio deltas, a few 15 MiB appends), first
# directly to a fake Realtime upstream, then through the real proxy (a child process, recording every
# session) to the same upstream, in the same run. Prints the one-way latency each way, p50 and p99,
# direct and via the proxy and the difference, throughput, and the proxy's memory per session.
#
#   scripts/bench-proxy.sh                 # 100 sessions, 20 s each phase
#   BENCH_SESSIONS=50 BENCH_SECONDS=10 scripts/bench-proxy.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SESSIONS="${BENCH_SESSIONS:-100}"
SECONDS_EACH="${BENCH_SECONDS:-20}"
echo "building rtcost-loadgen (release)..." >&2
swift build -c release --package-path Benchmarks --product rtcost-loadgen >&2
BIN="$(swift build -c release --package-path Benchmarks --show-bin-path)/rtcost-loadgen"
"$BIN" run "$SESSIONS" "$SECONDS_EACH"
