#!/usr/bin/env bash
# Installs the C libraries rtcost links (libsndfile, libsamplerate) and pkg-config when missing.
set -euo pipefail
need=()
pkg-config --exists sndfile 2>/dev/null || need+=(libsndfile1-dev)
pkg-config --exists samplerate 2>/dev/null || need+=(libsamplerate0-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "installing: ${need[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
