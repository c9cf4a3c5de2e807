#!/usr/bin/env python3
"""Extraction at scale: the CLI's `evidence ingest`, the Python package in
one process, and `hegemony.spark.extract` in Spark local mode with 1 and 2
executor cores, on the same documents, in one run. Prints one JSON line.

    python3 bench/spark_extract.py --docs 10000 --cli target/release/hegemony \
        --documents ../shared/documents [--out bench/out/python]

The documents are built from the shared documents: every window of three
consecutive paragraphs (1.4 kB on average: a short news item), numbered and
repeated in turn until there are --docs of them; each starts with its own
number, so no two are the same bytes. The result also goes to
OUT/spark_extract.json.

The CLI ingests into a SQLite store (extraction, the full-text index and
the writes, one core); the package's `evidence.extract` runs the same
extraction in memory on one core; Spark runs it in Python workers through
`mapInArrow`, timed after a warm-up (each worker builds the knowledge base
and the gazetteer once) and without the session's start.
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

import pyarrow as pa

import hegemony


def build(documents: pathlib.Path, n: int):
    paras = []
    for f in sorted(documents.glob("*.txt")):
        paras += [p.strip() for p in f.read_text().split("\n\n") if len(p.strip()) > 80]
    windows = ["\n\n".join(paras[i:i + 3]) for i in range(0, len(paras) - 2)]
    texts = [f"Document {k + 1}.\n\n{windows[k % len(windows)]}" for k in range(n)]
    return texts


def spark_time(texts, cores: int, links: bool):
    """Seconds to extract every document in Spark local mode with `cores`
    executor cores (the session started and the input cached beforehand)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    import hegemony.spark

    spark = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName(f"bench-{cores}")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", str(4 * cores))
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    try:
        table = pa.table({"id": pa.array(range(len(texts)), pa.int64()), "text": texts})
        df = spark.createDataFrame(table).repartition(4 * cores).cache()
        df.count()
        # Warm-up: every Python worker builds the knowledge base and gazetteer once.
        hegemony.spark.extract(df.limit(8 * cores), links=links).write.format("noop").mode("overwrite").save()
        started = time.perf_counter()
        out = hegemony.spark.extract(df, links=links)
        rows = out.count()
        took = time.perf_counter() - started
        return took, rows
    finally:
        spark.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--documents", required=True)
    ap.add_argument("--out", default="bench/out/python")
    args = ap.parse_args()
    texts = build(pathlib.Path(args.documents), args.docs)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    result = {"docs": len(texts), "megabytes": round(mb, 2)}

    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        files = []
        for i, t in enumerate(texts):
            p = tmp / f"doc{i:06d}.txt"
            p.write_text(t)
            files.append(str(p))
        started = time.perf_counter()
        p = subprocess.run([args.cli, "--quiet", "evidence", "--store", str(tmp / "e.sqlite"), "ingest", *files],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            sys.exit(f"hegemony evidence ingest failed ({p.returncode}): {p.stderr[-2000:]}")
        result["cli_ingest_s"] = round(time.perf_counter() - started, 2)

    table = pa.table({"id": pa.array(range(len(texts)), pa.int64()), "text": texts})
    hegemony.evidence.extract(table.slice(0, 4))  # the knowledge base and gazetteer, once
    for links in (False, True):
        started = time.perf_counter()
        rows = hegemony.evidence.extract(table, links=links).num_rows
        result[f"python_{'links' if links else 'nolinks'}_s"] = round(time.perf_counter() - started, 2)
        result["candidates"] = rows
    for cores in (1, 2):
        took, rows = spark_time(texts, cores, links=False)
        assert rows == result["candidates"], (rows, result["candidates"])
        result[f"spark_{cores}core_s"] = round(took, 2)
    n = len(texts)
    result["docs_per_s_per_core"] = {
        "cli ingest (1 core, writes SQLite)": round(n / result["cli_ingest_s"], 1),
        "python extract (1 core)": round(n / result["python_nolinks_s"], 1),
        "spark local[1]": round(n / result["spark_1core_s"], 1),
        "spark local[2]": round(n / result["spark_2core_s"] / 2, 1),
    }
    result["spark_1core_vs_cli"] = round(result["cli_ingest_s"] / result["spark_1core_s"], 2)
    result["spark_speedup_1_to_2_cores"] = round(result["spark_1core_s"] / result["spark_2core_s"], 2)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "spark_extract.json").write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
