#!/usr/bin/env bash
# Issue 16 in one run (the machine is shared: compare within the run, not
# across days): the Python package against the CLI on the same jobs, and the
# dyad-year panel 1816–2014 with ATOP, COW alliances and capabilities.
#
#   PY=/path/to/venv/bin/python SHARED=../shared bash bench/python.sh   # RUNS=5
#
# PY: a Python with the package installed from this checkout in release mode
# (`maturin develop --release` in crates/hegemony-py, or `pip install
# ./crates/hegemony-py`). Needs hyperfine and /usr/bin/time (Debian: time).
# Python is timed as a process, like the CLI; `import hegemony` alone is
# timed too, so the call's own time is the difference.
# peacesciencer is not run here (R is not on this machine); its figure for
# the directed panel, 10.6 s and 1.25 GB, is in ../shared/bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=$(cd "${SHARED:-../shared}" && pwd)
DATA=$SHARED/data
OUT=${OUT:-bench/out/python}
RUNS=${RUNS:-5}
PY=${PY:-python3}
mkdir -p "$OUT"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/hegemony-target}
cargo build --release -q -p hegemony-cli
H=$CARGO_TARGET_DIR/release/hegemony
export HEGEMONY_CACHE=$(mktemp -d)
trap 'rm -rf "$HEGEMONY_CACHE"' EXIT
"$PY" -c 'import hegemony, sys; print("python package", hegemony.__file__, file=sys.stderr)'

ADD=atop,cow_alliance,cinc
py() { echo "$PY -c 'import hegemony, pyarrow.parquet as pq; $1'"; }
AGREE="hegemony.agreement(\"all\", by=\"year\", data_dir=\"$DATA\")"
PANEL="hegemony.panel((1816, 2014), add=[\"atop\", \"cow_alliance\", \"cinc\"], data_dir=\"$DATA\""
args=(
  -n "cli agreement all -> parquet" "$H -q agreement --all --by year --format parquet --out $OUT/agree.parquet --data-dir $DATA"
  -n "cli agreement all -> arrow" "$H -q agreement --all --by year --format arrow --out $OUT/agree.arrow --data-dir $DATA"
  -n "python agreement all (table)" "$(py "$AGREE")"
  -n "python agreement all -> parquet" "$(py "pq.write_table($AGREE, \"$OUT/agree_py.parquet\")")"
  -n "python import only" "$(py "pass")"
  -n "cli panel ndy -> parquet" "$H -q panel --years 1816-2014 --add $ADD --format parquet --out $OUT/ndy.parquet --data-dir $DATA"
  -n "cli panel ddy -> parquet" "$H -q panel --years 1816-2014 --directed --add $ADD --format parquet --out $OUT/ddy.parquet --data-dir $DATA"
  -n "python panel ndy (table)" "$(py "$PANEL)")"
  -n "python panel ddy (table)" "$(py "$PANEL, directed=True)")"
)
hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/python.json" "${args[@]}" >/dev/null 2>&1

# Peak memory (maximum resident set size), one run each.
peak() { /usr/bin/time -f "%M" -o "$OUT/rss" "$@" >/dev/null 2>&1; echo "$(cat "$OUT/rss")"; }
{
  echo "cli panel ndy -> parquet=$(peak "$H" -q panel --years 1816-2014 --add $ADD --format parquet --out "$OUT/ndy.parquet" --data-dir "$DATA")"
  echo "cli panel ddy -> parquet=$(peak "$H" -q panel --years 1816-2014 --directed --add $ADD --format parquet --out "$OUT/ddy.parquet" --data-dir "$DATA")"
  echo "python panel ndy (table)=$(peak "$PY" -c "import hegemony; $PANEL)")"
  echo "python panel ddy (table)=$(peak "$PY" -c "import hegemony; $PANEL, directed=True)")"
  echo "python import only=$(peak "$PY" -c "import hegemony, pyarrow.parquet")"
} > "$OUT/rss.txt"
"$PY" -c "import pyarrow.parquet as pq; print('rows: ndy', pq.read_metadata('$OUT/ndy.parquet').num_rows, 'ddy', pq.read_metadata('$OUT/ddy.parquet').num_rows, 'agreement', pq.read_metadata('$OUT/agree.parquet').num_rows)"

python3 - "$OUT/python.json" "$OUT/rss.txt" <<'PYEOF'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
rss = dict(l.strip().split("=") for l in open(sys.argv[2]) if "=" in l)
print(f"{'command':<34} {'median':>8} {'min':>7} {'max':>7} {'peak RSS':>9}")
for n, r in res.items():
    mb = f"{int(rss[n]) / 1024:.0f} MB" if n in rss else ""
    print(f"{n:<34} {r['median']:7.3f}s {r['min']:6.3f}s {r['max']:6.3f}s {mb:>9}")
m = lambda n: res[n]["median"]
imp = m("python import only")
print(f"python/cli, agreement all, both writing Parquet: {m('python agreement all -> parquet') / m('cli agreement all -> parquet'):.3f}")
print(f"python (table in memory, minus import) / cli (-> arrow file): {(m('python agreement all (table)') - imp) / m('cli agreement all -> arrow'):.3f}")
for k in ("ndy", "ddy"):
    print(f"panel {k}: python minus import {m(f'python panel {k} (table)') - imp:.3f}s; cli {m(f'cli panel {k} -> parquet'):.3f}s")
PYEOF
