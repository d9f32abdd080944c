#!/usr/bin/env bash
# Renders a forecast (with --sensitivity) and a fleet plan as HTML, opens each in headless Chromium
# with a small script that measures what rendered, and fails unless: the recommendation is present,
# every chart has its series with distinct colours, no series is hidden under another (some point
# of each is the topmost element on screen), and no two text labels' boxes overlap or leave the chart.
# Usage: scripts/check-reports.sh [rtcost binary] [folder for the screenshots]
# (default: the debug build; with a folder, saves forecast.png and plan.png there).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/rtcost}
shots=${2:-}
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium (Debian package) for the report check" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" forecast scenarios/home-robot.yaml --worlds "${CHECK_WORLDS:-4}" --horizon "${CHECK_HORIZON:-1d}" \
  --max-added-wait-p95 2s --max-memory-lost-per-day 1 --sensitivity --html "$work/forecast.html" >/dev/null
"$bin" plan scenarios/fleet-example.yaml --worlds 2 --world-days 1 --months 20 --html "$work/plan.html" >/dev/null

# The measuring script: results go into a <pre id="check-results"> that --dump-dom prints.
cat >"$work/measure.js" <<'JS'
(() => {
  const out = [];
  const svgs = [...document.querySelectorAll('div.chart svg')];
  const answer = document.getElementById('answer');
  out.push('ANSWER ' + (answer ? answer.textContent.trim().slice(0, 60) : '(none)'));
  for (const svg of svgs) {
    const id = svg.parentElement.id;
    const series = new Map();
    for (const el of svg.querySelectorAll('[data-series]')) {
      const name = el.getAttribute('data-series');
      const fill = el.getAttribute('fill');
      const colour = (el.tagName === 'polyline' || el.tagName === 'line' || fill === 'none')
        ? el.getAttribute('stroke') : fill;
      if (!series.has(name)) series.set(name, { colour, elements: [] });
      series.get(name).elements.push(el);
    }
    const colours = new Set([...series.values()].map(s => s.colour));
    out.push(`SERIES ${id} ${series.size} ${colours.size} ${[...series.keys()].join('|')}`);
    for (const [name, s] of series) {
      let hits = 0;
      for (const el of s.elements) {
        const m = el.getScreenCTM();
        const points = [];
        const box = el.getBBox();
        points.push({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
        const length = el.getTotalLength();
        // Along the shape and, for a stroke, at its edges: a wide line under a narrow one shows there.
        const edge = Math.max(0, parseFloat(el.getAttribute('stroke-width') || '1') / 2 - 0.5);
        for (let i = 0; i <= 40; i++) {
          const p = el.getPointAtLength(length * i / 40);
          points.push(p, { x: p.x, y: p.y - edge }, { x: p.x, y: p.y + edge });
        }
        for (const p of points) {
          const sx = p.x * m.a + p.y * m.c + m.e, sy = p.x * m.b + p.y * m.d + m.f;
          const top = document.elementFromPoint(sx, sy);
          const owner = top && top.closest('[data-series]');
          if (owner && owner.getAttribute('data-series') === name) hits++;
        }
      }
      if (hits === 0) out.push(`HIDDEN ${id} ${name}`);
    }
    const frame = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (r.width > 0 && (r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 ||
          r.bottom > frame.bottom + 1)) out.push(`CLIPPED ${id} "${t.textContent}"`);
    }
    const boxes = [...svg.querySelectorAll('text')]
      .map(t => ({ text: t.textContent, r: t.getBoundingClientRect() })).filter(b => b.r.width > 0);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r, b = boxes[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) out.push(`OVERLAP ${id} "${boxes[i].text}" "${boxes[j].text}"`);
      }
    }
  }
  const pre = document.createElement('pre');
  pre.id = 'check-results';
  pre.textContent = out.join('\n');
  document.body.appendChild(pre);
})();
JS

measure() {  # measure page.html → the result lines
  local page=$1
  python3 - "$page" "$work/measure.js" "$work/measured.html" <<'PY'
import sys
page, script, out = sys.argv[1:]
html = open(page, encoding="utf-8").read()
html = html.replace("</body>", "<script>" + open(script, encoding="utf-8").read() + "</script></body>")
open(out, "w", encoding="utf-8").write(html)
PY
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,9000 \
    --virtual-time-budget=3000 --dump-dom "file://$work/measured.html" 2>/dev/null |
    python3 -c 'import sys,re,html; m=re.search(r"<pre id=\"check-results\">(.*?)</pre>", sys.stdin.read(), re.S); print(html.unescape(m.group(1)) if m else "NO RESULTS")'
}

failures=0
check() {  # check NAME results "chart-id:series-count ..." (series-count+ for at least)
  local name=$1 results=$2 expected=$3
  echo "$results" | sed "s/^/$name: /"
  if ! grep -q '^ANSWER' <<<"$results"; then echo "$name: FAIL: the page did not run the check" >&2; failures=$((failures + 1)); fi
  for pair in $expected; do
    local id=${pair%%:*} want=${pair##*:} line count distinct
    line=$(grep -E "^SERIES $id " <<<"$results" || true)
    read -r _ _ count distinct _ <<<"$line"
    if [ -z "$line" ] || [ "$count" != "$distinct" ] || { [ "${want%+}" = "$want" ] && [ "$count" != "$want" ]; } ||
      [ "$count" -lt "${want%+}" ]; then
      echo "$name: FAIL: chart $id should have ${want} series in as many distinct colours, got '$line'" >&2
      failures=$((failures + 1))
    fi
  done
  if grep -Eq '^(HIDDEN|OVERLAP|CLIPPED)' <<<"$results"; then
    echo "$name: FAIL: a series is hidden, or labels overlap or are cut off (lines above)" >&2
    failures=$((failures + 1))
  fi
}

forecast=$(measure "$work/forecast.html")
# The frontier chart: the frontier and the recommendation, and the other policies when any is off it.
check forecast "$forecast" "frontier:2+ cost-by-category:2+ sensitivity:2"
for name in frontier recommended; do
  if ! grep -Eq "^SERIES frontier .*(^| |\|)$name(\||$)" <<<"$forecast"; then
    echo "forecast: FAIL: the frontier chart has no '$name' series" >&2
    failures=$((failures + 1))
  fi
done
if ! grep -q '^ANSWER Limits: p95 added wait' <<<"$forecast"; then
  echo "forecast: FAIL: the page does not lead with the recommendation" >&2
  failures=$((failures + 1))
fi
check plan "$(measure "$work/plan.html")" "budget-0:3 sessions-0:2 tpm-0:2"

if [ -n "$shots" ]; then
  mkdir -p "$shots"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,1500 \
    --screenshot="$shots/forecast.png" "file://$work/forecast.html" >/dev/null 2>&1
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,1400 \
    --screenshot="$shots/plan.png" "file://$work/plan.html" >/dev/null 2>&1
  python3 scripts/png_stats.py "$shots/forecast.png"
  python3 scripts/png_stats.py "$shots/plan.png"
fi
if [ "$failures" -gt 0 ]; then
  echo "check-reports: $failures failure(s)" >&2
  exit 1
fi
echo "check-reports: ok"
