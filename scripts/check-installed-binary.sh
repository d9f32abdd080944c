#!/usr/bin/env bash
# The release binary (as `make build` makes it) copied alone to another folder works from /:
# everything it reads at run time (the price book, the bundled scenarios) is compiled in, and the
# Swift runtime and Foundation are linked in, so it needs no Swift on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product rtcost --static-swift-stdlib >&2
if ldd .build/release/rtcost | grep -E 'libswiftCore|libFoundation'; then
  echo "check-installed-binary: the binary loads the Swift runtime from the toolchain" >&2
  exit 1
fi
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
cp .build/release/rtcost "$bin/rtcost"
cd /
"$bin/rtcost" prices --model gpt-realtime-2 >/dev/null
"$bin/rtcost" simulate --horizon 1h >/dev/null
"$bin/rtcost" forecast --worlds 2 --horizon 1d --idle-timeouts off,5m | grep -q 'scenarios/home-robot.yaml' \
  || { echo "check-installed-binary: the bundled forecast did not run" >&2; exit 1; }
# With the toolchain hidden (a private mount namespace, as root), the binary must still run.
toolchain=$(cd "$(dirname "$(command -v swift)")/../.." && pwd)
if [ "$toolchain" != / ] && [ "$(id -u)" = 0 ] && command -v unshare >/dev/null \
  && unshare -m true 2>/dev/null; then
  unshare -m sh -c 'mount -t tmpfs none "$1" && "$2" prices --model gpt-realtime-2 >/dev/null' _ "$toolchain" "$bin/rtcost" \
    || { echo "check-installed-binary: the binary does not run with $toolchain hidden" >&2; exit 1; }
  hidden=", and with $toolchain hidden"
else
  hidden=" (not run with the toolchain hidden: needs root and unshare)"
fi
echo "check-installed-binary: ok (prices, simulate and forecast ran from / with the binary alone, no Swift libraries loaded$hidden)"
