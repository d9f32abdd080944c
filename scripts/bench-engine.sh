#!/usr/bin/env bash
# Engine benchmark: builds the tests in release and runs EngineBenchmarkTests, which simulates one
# home-robot week (scenarios/home-robot.yaml, seed 42) under four policies and, in the same run,
# a bare loop of the same number of swift-collections Heap push/pop pairs. Prints, per policy, the
# engine's events/s on one core, the bare heap's push+pop/s, and their ratio.
#
#   scripts/bench-engine.sh
set -euo pipefail
cd "$(dirname "$0")/.."
echo "building the tests in release (a few minutes the first time)..." >&2
swift build -c release -Xswiftc -enable-testing --build-tests >&2
swift test -c release -Xswiftc -enable-testing --skip-build --filter EngineBenchmarkTests 2>&1 \
  | grep '^BENCH' | sed 's/^BENCH //'
