#!/usr/bin/env bash
# The engine before and after, in the same run: `scripts/bench-engine.sh` (EngineBenchmarkTests in
# release: one home-robot week, seed 42, beside a bare heap loop of the same size) of this checkout
# and of BASE (default f4cbe1e, the last commit before issue 10's state machines and typed queue),
# run alternately, best of BENCH_RUNS each; then the allocations each added event costs, from
# a preloaded malloc counter's total for `rtcost simulate` on a 1-day and a 2-day home-robot world
# ((allocs(2d) − allocs(1d)) / (events(2d) − events(1d))).
#
#   scripts/bench-engine-compare.sh
#   BENCH_BASE=<rev> BENCH_RUNS=5 scripts/bench-engine-compare.sh
#   BENCH_BASE_DIR=../rtcost-old scripts/bench-engine-compare.sh   # BASE already checked out there
#
# BASE is exported with `git archive` into .build-engine-base/REV/ (ignored by git) and built there
# (release tests and the release binary: ten minutes or more the first time on two cores).
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${BENCH_BASE:-f4cbe1e}"
RUNS="${BENCH_RUNS:-3}"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_RUNS must be a positive whole number, got '$RUNS'" >&2; exit 2; }
command -v cc >/dev/null || { echo "a C compiler is needed for the allocation counter (apt-get install gcc)" >&2; exit 2; }
if [ -n "${BENCH_BASE_DIR:-}" ]; then
  base_dir=$BENCH_BASE_DIR
  [ -f "$base_dir/Package.swift" ] || { echo "BENCH_BASE_DIR '$base_dir' holds no Package.swift" >&2; exit 2; }
else
  base_rev=$(git rev-parse --verify --quiet "$BASE^{commit}") || { echo "BENCH_BASE '$BASE' is not a commit" >&2; exit 2; }
  base_dir=.build-engine-base/${base_rev:0:12}
  if [ ! -f "$base_dir/Package.swift" ]; then
    mkdir -p "$base_dir"
    git archive "$base_rev" | tar -x -C "$base_dir"
  fi
fi
echo "building this checkout and $BASE in release (tests and binary)..." >&2
bash scripts/bench-engine.sh >/dev/null
bash "$base_dir/scripts/bench-engine.sh" >/dev/null
# The binaries build apart from the tests (without -enable-testing), so neither rebuilds the other.
swift build -c release --product rtcost --scratch-path .build-rel >&2
swift build -c release --product rtcost --package-path "$base_dir" --scratch-path "$base_dir/.build-rel" >&2
python3 - "$RUNS" "$(pwd)" "$base_dir" "$BASE" <<'EOF'
import os, re, shutil, subprocess, sys, tempfile

runs, here, base_dir, base_name = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
builds = [("this checkout", here), (base_name, os.path.abspath(base_dir))]

def bench(folder):
    """One run of the (already built) engine benchmark: {label: (events, events/s, ratio)}."""
    out = subprocess.run(["bash", "scripts/bench-engine.sh"], cwd=folder, check=True,
                         capture_output=True, text=True).stdout
    rows = {}
    for line in out.splitlines():
        m = re.match(r"(.*): (\d+) events; engine (\d+) events/s; bare heap (\d+) push\+pop/s; ratio ([\d.]+)", line)
        if m:
            rows[m.group(1)] = (int(m.group(2)), int(m.group(3)), int(m.group(4)))
    if not rows:
        sys.exit(f"{folder}: the engine benchmark printed no figures")
    return rows

best = {name: {} for name, _ in builds}
for _ in range(runs):
    for name, folder in builds:  # alternately, so that both see the same machine
        for label, (events, rate, heap) in bench(folder).items():
            if label not in best[name] or rate > best[name][label][1]:
                best[name][label] = (events, rate, heap)
print(f"engine, one home-robot week (seed 42), best of {runs} per build, release, one core:")
for name, _ in builds:
    print(f"  {name}:")
    for label, (events, rate, heap) in best[name].items():
        print(f"    {label}: {events:,} events, {rate / 1e6:.2f} M events/s "
              f"(bare heap {heap / 1e6:.2f} M push+pop/s, ratio {heap / rate:.2f})")
shared = [label for label in best[builds[0][0]] if label in best[builds[1][0]]]
for label in shared:
    now, before = best[builds[0][0]][label][1], best[builds[1][0]][label][1]
    print(f"  {label}: this checkout / {base_name} = {now / before:.2f}")

scratch = tempfile.mkdtemp()
# A malloc counter preloaded into the process (valgrind 3.19 cannot read what Swift 6 writes): glibc's
# own allocator underneath, every call counted, the total printed to standard error at exit.
counter_c = os.path.join(scratch, "count.c")
counter = os.path.join(scratch, "count.so")
with open(counter_c, "w") as out:
    out.write(r"""
#include <stddef.h>
#include <stdio.h>
extern void *__libc_malloc(size_t), *__libc_calloc(size_t, size_t), *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
static unsigned long long calls;
#define COUNT __atomic_add_fetch(&calls, 1, __ATOMIC_RELAXED)
void *malloc(size_t n) { COUNT; return __libc_malloc(n); }
void *calloc(size_t k, size_t n) { COUNT; return __libc_calloc(k, n); }
void *realloc(void *p, size_t n) { COUNT; return __libc_realloc(p, n); }
void *aligned_alloc(size_t a, size_t n) { COUNT; return __libc_memalign(a, n); }
void *memalign(size_t a, size_t n) { COUNT; return __libc_memalign(a, n); }
int posix_memalign(void **p, size_t a, size_t n) { COUNT; *p = __libc_memalign(a, n); return *p ? 0 : 12; }
__attribute__((destructor)) static void report(void) { fprintf(stderr, "rtcost-bench allocations: %llu\n", calls); }
""")
subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", counter, counter_c], check=True)

def allocations(folder, horizon):
    binary = os.path.join(folder, ".build-rel/release/rtcost")
    done = subprocess.run(
        [binary, "simulate", "scenarios/home-robot.yaml", "--seed", "42", "--horizon", horizon, "--format", "json"],
        cwd=here, check=True, capture_output=True, text=True, env=dict(os.environ, LD_PRELOAD=counter))
    heap = re.search(r"rtcost-bench allocations: (\d+)", done.stderr)
    events = re.search(r'"events"\s*:\s*(\d+)', done.stdout)
    if not heap or not events:
        sys.exit(f"{binary}: the allocation counter printed nothing, or simulate no event count")
    return int(heap.group(1)), int(events.group(1))

print("allocations per added event (`rtcost simulate` with a preloaded malloc counter, 2-day minus 1-day world):")
for name, folder in builds:
    a1, e1 = allocations(folder, "1d")
    a2, e2 = allocations(folder, "2d")
    print(f"  {name}: {a2 - a1:,} allocations for {e2 - e1:,} more events = {(a2 - a1) / (e2 - e1):.3f} per event")
shutil.rmtree(scratch)
EOF
