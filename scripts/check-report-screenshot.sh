#!/usr/bin/env bash
# Opens an rtcost HTML report in headless Chromium, takes a screenshot, and fails when the charts
# did not render (a blank or nearly single-coloured page, or too few chart-coloured pixels).
# Usage: scripts/check-report-screenshot.sh report.html screenshot.png
set -euo pipefail
html=${1:?usage: $0 report.html screenshot.png}
png=${2:?usage: $0 report.html screenshot.png}
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium (Debian package) for the screenshot" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,2300 \
  --screenshot="$png" "file://$(realpath "$html")" >/dev/null 2>&1
python3 "$(dirname "$0")/png_stats.py" "$png"
