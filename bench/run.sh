#!/usr/bin/env bash
# Times hegemony against the peer tools of ../shared/bench on the same data,
# in one run (the machine is shared: compare ratios, not absolute seconds).
#
#   bash bench/run.sh                # numpy, polars and R base matrices as peers
#   PEERS="numpy pandas" RUNS=3 bash bench/run.sh
#
# Needs: hyperfine (Debian), python3 with numpy pandas polars pyarrow (PyPI),
# optionally Rscript with data.table, R.utils, dplyr, readr (Debian r-cran-*).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=$(cd "${SHARED:-../shared}" && pwd)
DATA=$SHARED/data
OUT=${OUT:-bench/out}
RUNS=${RUNS:-5}
PEERS=${PEERS:-numpy polars matrix}
mkdir -p "$OUT"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/hegemony-target}
cargo build --release -q -p hegemony-cli
H=$CARGO_TARGET_DIR/release/hegemony
export HEGEMONY_CACHE=$(mktemp -d)
trap 'rm -rf "$HEGEMONY_CACHE"' EXIT

peer_cmd() { # scope impl
    case $2 in
        numpy|pandas|polars) echo "python3 $SHARED/bench/peers/py/agreement.py --impl $2 --scope $1 --data-dir $DATA" ;;
        matrix|datatable|dplyr) command -v Rscript >/dev/null && echo "Rscript $SHARED/bench/peers/R/agreement.R --impl=$2 --scope=$1 --data-dir=$DATA" ;;
    esac
}

for scope in all russia; do
    if [ $scope = all ]; then
        which="--all --format parquet --out $OUT/agreement_all.parquet"
    else
        which="--dominant RUS --with post-soviet --format csv --out $OUT/agreement_russia.csv"
    fi
    args=(-n "hegemony cold" "$H agreement $which --by year --data-dir $DATA -q --no-cache"
          -n "hegemony warm" "$H agreement $which --by year --data-dir $DATA -q")
    for p in $PEERS; do
        cmd=$(peer_cmd $scope $p) && [ -n "$cmd" ] && args+=(-n "$p" "$cmd")
    done
    # Reading and decoding the input alone: one dyad, nothing to compute, cold.
    args+=(-n "read only" "$H agreement --dyads RUS:ARM --years 2019 --data-dir $DATA -q --no-cache --format csv --out /dev/null")
    hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/agreement_$scope.json" "${args[@]}" >&2
done

# Ideal points on the whole record (warm cache). emIRT cannot be installed
# here; its times on this machine are in ../shared/bench/README.md (dynIRT
# 18.2 s for one dynamic fit, ordIRT 53 s per session); pscl (313 s) is left
# out by default (PEERS_IDEAL=pscl to add it).
args=(-n "ideal dynamic by year" "$H ideal --model dynamic --by year --data-dir $DATA -q --format csv"
      -n "ideal static by session" "$H ideal --model static --by session --data-dir $DATA -q --format csv")
if [ "${PEERS_IDEAL:-}" = pscl ] && command -v Rscript >/dev/null; then
    args+=(-n "pscl" "Rscript $SHARED/bench/peers/R/idealpoints.R --model=pscl --data-dir=$DATA")
fi
hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/ideal.json" "${args[@]}" >&2

# The hierarchy profile of Armenia under Russia (all eleven relations of
# Russia's comparison set are computed for their shared scales): with the
# full data warm (parsed datasets cached) and cold, and on a fresh machine
# (no data folder: the extract compiled into the program). No peer computes it.
args=(-n "profile warm" "$H profile ARM --dominant RUS --data-dir $DATA -q"
      -n "profile cold" "$H profile ARM --dominant RUS --data-dir $DATA -q --no-cache"
      -n "profile default data" "env HEGEMONY_DATA=$OUT/no-data $H profile ARM --dominant RUS -q")
hyperfine --warmup 2 --runs "$RUNS" --export-json "$OUT/profile.json" "${args[@]}" >&2

echo "phases of one cold and one warm run (--timings):"
HEGEMONY_CACHE=$(mktemp -d) "$H" agreement --all --by year --format parquet --out "$OUT/x.parquet" --data-dir "$DATA" -q --timings --no-cache
"$H" agreement --all --by year --format parquet --out "$OUT/x.parquet" --data-dir "$DATA" -q --timings

python3 - "$OUT" <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
for scope in ("all", "russia"):
    res = {r["command"]: r for r in json.loads((out / f"agreement_{scope}.json").read_text())["results"]}
    peers = {k: v for k, v in res.items() if not k.startswith(("hegemony", "read"))}
    best = min(peers, key=lambda k: res[k]["median"]) if peers else None
    print(f"\nscope {scope}: median wall seconds of {len(next(iter(res.values()))['times'])} runs")
    for name, r in sorted(res.items(), key=lambda kv: kv[1]["median"]):
        ratio = f"  {res[best]['median'] / r['median']:6.1f}x faster than {best}" if best and name.startswith("hegemony") else ""
        print(f"  {name:<16} {r['median']:8.3f} s  (min {r['min']:.3f}, max {r['max']:.3f}){ratio}")
    if "read only" in res:
        print(f"  hegemony cold / read only = {res['hegemony cold']['median'] / res['read only']['median']:.2f}")
res = json.loads((out / "profile.json").read_text())["results"]
print("\nprofile of Armenia under Russia: median wall seconds")
for r in res:
    print(f"  {r['command']:<24} {r['median']:8.3f} s  (min {r['min']:.3f}, max {r['max']:.3f})")
res = json.loads((out / "ideal.json").read_text())["results"]
print("\nideal points, whole record: median wall seconds")
for r in res:
    print(f"  {r['command']:<24} {r['median']:8.3f} s  (min {r['min']:.3f}, max {r['max']:.3f})")
PY
