#!/usr/bin/env bash
# Benchmark: `rtcost plan` for a 10,000-device month (scenarios/fleet-example.yaml scaled ×10,
# no policy grid), release build, default sampling (20 worlds × 7 days per group, 1,000 months).
# Prints the wall time and device-days per second of the profile month. Usage: scripts/bench-plan.sh [jobs]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jobs="${1:-2}"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
swift build -c release --product rtcost --static-swift-stdlib >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
sed -e 's/count: 600$/count: 6000/' -e 's/count: 150$/count: 1500/' -e 's/count: 250$/count: 2500/' \
  -e "s#scenario: \([a-z-]*\.yaml\)#scenario: $root/scenarios/\1#" -e '/^grid:/,$d' \
  scenarios/fleet-example.yaml >"$work/fleet-10k.yaml"
start=$(date +%s.%N)
.build/release/rtcost plan "$work/fleet-10k.yaml" --jobs "$jobs" --format json --output "$work/plan.json"
end=$(date +%s.%N)
python3 - "$start" "$end" "$work/plan.json" <<'PY'
import json, sys
start, end, path = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
plan = json.load(open(path))
devices = sum(g["devices"] for g in plan["groups"])
days = 31 if plan["month"].endswith("-03") else 30
seconds = end - start
print(f"devices {devices}, month {plan['month']} ({days} days), sampled months {plan['sampling']['months']}")
print(f"wall {seconds:.1f} s, {devices * days / seconds:,.0f} device-days/s (profile month), "
      f"{devices * days * plan['sampling']['months'] / seconds:,.0f} device-days/s (all sampled months)")
p = plan["policies"][0]
print(f"p50 ${p['monthly_cost']['p50_usd']}, peak RPM {p['peak_rpm']['value']}, peak TPM {p['peak_tpm']['value']}, "
      f"lowest tier {p['lowest_tier']}")
PY
