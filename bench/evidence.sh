#!/usr/bin/env bash
# Evidence ingest throughput on ../shared/documents, in MB/s per core: the
# release build of the throughput test (crates/hegemony-evidence/tests/
# real_documents.rs), which ingests the three documents ROUNDS times into an
# in-memory store (read, normalise, extract, store), each time under another
# name and with a line added. It prints the wall-clock rate and the rate per
# core, bytes over the CPU time of the ingesting thread (on a machine shared
# with other builds the wall clock also counts the waits for a core).
#
#   bash bench/evidence.sh            # 3 runs of 10 rounds
#   RUNS=5 ROUNDS=20 bash bench/evidence.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=$(cd "${SHARED:-../shared}" && pwd)
RUNS=${RUNS:-3}
export HEGEMONY_BENCH_ROUNDS=${ROUNDS:-10}
export HEGEMONY_SHARED_DATA=$SHARED/data
cargo test --release -q -p hegemony-evidence --test real_documents --no-run
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$RUNS"); do
    cargo test --release -q -p hegemony-evidence --test real_documents -- --ignored --nocapture throughput 2>/dev/null \
        | grep -E 'MB/s'
done
