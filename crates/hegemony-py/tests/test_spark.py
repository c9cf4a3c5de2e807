"""hegemony.spark in Spark local mode: the same answers as the local calls."""

import os
import sys

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.compute as pc
import pytest

import hegemony
import hegemony.spark

# The Python workers Spark starts must import this very installation.
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)

from pyspark.sql import SparkSession  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    s = (
        SparkSession.builder.master("local[2]")
        .appName("hegemony-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield s
    s.stop()


def sort(t: pa.Table, keys) -> pa.Table:
    return t.sort_by([(k, "ascending") for k in keys])


def test_extract_in_executors_equals_the_local_extraction(spark, documents):
    files = sorted(documents.glob("*.txt"))
    rows = [(f.name, f.read_text()) for f in files] + [("empty", "   ")]
    df = spark.createDataFrame(rows, "id string, text string").repartition(2)
    got = hegemony.spark.extract(df).toArrow()
    expected = hegemony.evidence.extract(pa.table({"id": [r[0] for r in rows], "text": [r[1] for r in rows]}))
    keys = ["doc_id", "candidate"]
    got, expected = sort(got, keys), sort(expected, keys)
    assert got.num_rows == expected.num_rows > 500
    assert got.column_names == expected.column_names
    for name in got.column_names:
        assert got.column(name).to_pylist() == expected.column(name).to_pylist(), name
    assert "is empty" in got.filter(pc.field("doc_id") == "empty").column("error").to_pylist()[0]


def test_extract_keeps_whole_number_ids(spark):
    df = spark.createDataFrame([(1, "Russia and Armenia signed a treaty in 1997."), (2, "Nothing here.")], "id int, text string")
    got = hegemony.spark.extract(df, links=False).toArrow()
    assert got.schema.field("doc_id").type == pa.int64()
    assert set(got.column("doc_id").to_pylist()) == {1}


def test_agreement_grouped_by_session_equals_the_engine(spark, data):
    votes = pacsv.read_csv(data / "voeten_unvotes2016_votes.csv.gz")
    votes = votes.filter(pc.is_in(votes.column("session"), pa.array([60, 61, 62])))
    votes = votes.select(["session", "rcid", "ccode", "vote"])
    df = spark.createDataFrame(votes)
    got = hegemony.spark.agreement(df, period="session", absent="abstain").toArrow()
    expected = hegemony.agreement("all", by="session", years=(60, 62), absent="abstain", source="voeten", data_dir=data)
    keys = ["session", "ccode1", "ccode2"]
    got, expected = sort(got, keys), sort(expected, keys)
    assert got.num_rows == expected.num_rows > 10_000
    for name in ["session", "ccode1", "ccode2", "n", "identical", "kappa", "pi", "s_abs"]:
        assert got.column(name).to_pylist() == expected.column(name).to_pylist(), name


def test_the_panel_spread_over_executors_equals_the_local_panel(spark, data):
    add = ["atop", "cow_alliance", "cinc"]
    got = hegemony.spark.panel(spark, (1985, 1999), add=add, data_dir=str(data), partitions=3).toArrow()
    expected = hegemony.panel((1985, 1999), add=add, data_dir=data)
    keys = ["year", "ccode1", "ccode2"]
    got, expected = sort(got, keys), sort(expected, keys)
    assert got.num_rows == expected.num_rows > 100_000
    for name in expected.column_names:
        assert got.column(name).cast(pa.float64()).to_pylist() == expected.column(name).cast(pa.float64()).to_pylist(), name
