#!/usr/bin/env bash
# Times the regional security complexes in one run (the machine is shared:
# compare within the run, not across days): every year 1946–2025 with the
# moves between complexes, one year, one state's path, warm and cold; then
# the time per year as the difference between all years and one year.
#
#   bash bench/rsc.sh            # RUNS=5 by default
#
# Needs hyperfine (Debian). No peer tool exists: no software implements
# regional security complex theory (docs/methods.md §12), so the figures
# stand against the issue's target (every year 1946–2025 in at most 5 s).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=$(cd "${SHARED:-../shared}" && pwd)
DATA=$SHARED/data
OUT=${OUT:-bench/out}
RUNS=${RUNS:-5}
mkdir -p "$OUT"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/hegemony-target}
cargo build --release -q -p hegemony-cli
H=$CARGO_TARGET_DIR/release/hegemony
export HEGEMONY_CACHE=$(mktemp -d)
trap 'rm -rf "$HEGEMONY_CACHE"' EXIT

args=(-n "all years warm" "$H rsc --years 1946-2025 --format json --data-dir $DATA -q"
      -n "all years cold" "$H rsc --years 1946-2025 --format json --data-dir $DATA -q --no-cache"
      -n "one year warm" "$H rsc --year 2005 --format json --data-dir $DATA -q"
      -n "ARM path 1991-2025 warm" "$H rsc --state ARM --years 1991-2025 --format json --data-dir $DATA -q")
hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/rsc.json" "${args[@]}" >/dev/null 2>&1

echo "phases of one warm run of all years (--timings):"
"$H" rsc --years 1946-2025 --format json --data-dir "$DATA" -q --timings 2>&1 >/dev/null | grep '^timing'

python3 - "$OUT/rsc.json" <<'EOF'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
med = lambda n: res[n]["median"]
print("median wall seconds:")
for n, r in res.items():
    print(f"  {n:<26} {r['median']:.3f} s  (min {r['min']:.3f}, max {r['max']:.3f})")
per_year = (med("all years warm") - med("one year warm")) / 79
print(f"time per year (all years − one year, over 79 years): {per_year * 1000:.1f} ms")
print(f"all 80 years, warm: {med('all years warm'):.2f} s of the 5 s allowed ({5 / med('all years warm'):.1f}× under)")
EOF
