"""The engine inside Spark executors (``pip install "hegemony[spark]"``).

Each function maps a Spark DataFrame through ``mapInArrow`` (or a grouped
``applyInArrow``): Spark hands every Python worker its partition as Arrow
record batches, the worker runs the engine on them (the wheel must be
installed on every executor, see ``docs/spark.md``) and hands Arrow batches
back; no row becomes a Python object on the way.

- :func:`extract`: a DataFrame of documents (``id``, ``text``) to their
  candidate facts, the columns of :func:`hegemony.evidence.extract`;
- :func:`agreement`: UN votes (one row per roll call and state) grouped by
  period, to agreement scores per dyad and period, as
  :func:`hegemony.agreement` computes them;
- :func:`panel`: the dyad-year panel of :func:`hegemony.panel`, its years
  spread over the executors.
"""

from __future__ import annotations

from typing import Any, List, Optional, Sequence, Tuple

import pyarrow as pa

__all__ = ["agreement", "extract", "panel"]


def _spark_types():
    from pyspark.sql import types as T

    return T


def _spark_type(arrow_type: pa.DataType):
    """The Spark type of an engine column's Arrow type."""
    T = _spark_types()
    if pa.types.is_integer(arrow_type):
        return T.LongType()
    if pa.types.is_floating(arrow_type):
        return T.DoubleType()
    return T.StringType()


def _schema(arrow_schema: pa.Schema):
    """A Spark schema for an engine table's Arrow schema (every column nullable)."""
    T = _spark_types()
    return T.StructType([T.StructField(f.name, _spark_type(f.type), True) for f in arrow_schema])


def _conform(batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    """``batch`` with the Arrow types Spark expects for the declared schema
    (e.g. ``large_string`` when Spark uses large variable-width types)."""
    if batch.schema.equals(schema):
        return batch
    return pa.RecordBatch.from_arrays(
        [batch.column(i).cast(schema.field(i).type) for i in range(batch.num_columns)], schema=schema
    )


def _expected_arrow(schema, spark) -> pa.Schema:
    """The Arrow schema Spark expects back for ``schema``."""
    from pyspark.sql.pandas.types import to_arrow_type

    large = str(spark.conf.get("spark.sql.execution.arrow.useLargeVarTypes", "false")).lower() == "true"
    fields = []
    for f in schema.fields:
        try:
            t = to_arrow_type(f.dataType, prefers_large_types=large)
        except TypeError:  # older pyspark: no large types
            t = to_arrow_type(f.dataType)
        fields.append(pa.field(f.name, t, True))
    return pa.schema(fields)


def _extract_arrow_schema(id_type: pa.DataType) -> pa.Schema:
    """The engine's extraction columns for ids of ``id_type``."""
    from . import evidence

    probe = pa.table({"id": pa.array([], id_type), "text": pa.array([], pa.string())})
    return evidence.extract(probe).schema


def extract(df: Any, *, id: str = "id", text: str = "text", links: bool = True) -> Any:
    """Candidate facts of the documents of a Spark DataFrame, extracted in
    the executors: the columns of :func:`hegemony.evidence.extract`
    (``doc_id`` of the ``id`` column's type, whole numbers or text; ``text``
    as text or bytes), one row per candidate, a row with ``error`` for a
    document that cannot be read. ``links=False`` leaves out the links to
    the knowledge base (faster)."""
    T = _spark_types()
    id_field = df.schema[id]
    integral = isinstance(id_field.dataType, (T.LongType, T.IntegerType, T.ShortType, T.ByteType))
    if not integral and not isinstance(id_field.dataType, T.StringType):
        raise TypeError(f"column '{id}': ids must be whole numbers or text, not {id_field.dataType.simpleString()}")
    arrow_schema = _extract_arrow_schema(pa.int64() if integral else pa.string())
    schema = _schema(arrow_schema)
    expected = _expected_arrow(schema, df.sparkSession)

    def run(batches):
        from hegemony import evidence

        for b in batches:
            if integral and b.column(0).type != pa.int64():
                b = pa.RecordBatch.from_arrays([b.column(0).cast(pa.int64()), b.column(1)], names=[id, text])
            for out in evidence.extract_batches(b, id=id, text=text, links=links):
                yield _conform(out, expected)

    return df.select(id, text).mapInArrow(run, schema)


_AGREEMENT_COLUMNS = ["rcid", "ccode", "vote"]


def agreement(
    votes: Any,
    *,
    period: str = "year",
    weights: str = "quadratic",
    absent: str = "exclude",
) -> Any:
    """Agreement scores of every dyad in every period, from a Spark
    DataFrame of UN votes with one row per roll call and state: ``rcid``,
    ``ccode`` (COW), ``vote`` (1 yes, 2 abstain, 3 no, 8 absent, 9 not a
    member, Voeten's codes) and the period column (``year`` = session +
    1945, or ``session``). The votes are grouped by period and each group is
    scored in an executor (``applyInArrow``): the columns of
    :func:`hegemony.agreement` with ``dyads="all"``.
    """
    from . import _native, _table

    needed = [period] + _AGREEMENT_COLUMNS
    missing = [c for c in needed if c not in votes.columns]
    if missing:
        raise ValueError(f"votes: no column {', '.join(missing)} (need {', '.join(needed)})")
    probe = pa.table({c: pa.array([], pa.int64()) for c in needed})
    arrow_schema = _table(_native.agreement_votes(probe, period, weights, absent)).schema
    schema = _schema(arrow_schema)
    expected = _expected_arrow(schema, votes.sparkSession)

    def run(table: pa.Table) -> pa.Table:
        from hegemony import _native as native, _table as to_table

        table = pa.table({c: table.column(c).cast(pa.int64()) for c in needed})
        out = to_table(native.agreement_votes(table, period, weights, absent))
        return pa.Table.from_batches([_conform(b, expected) for b in out.to_batches()], schema=expected)

    return votes.select(*needed).groupBy(period).applyInArrow(run, schema)


def panel(
    spark: Any,
    years: Tuple[int, int] = (1816, 2014),
    *,
    directed: bool = False,
    system: str = "cow",
    add: Sequence[str] = (),
    data_dir: Optional[str] = None,
    partitions: Optional[int] = None,
) -> Any:
    """The dyad-year panel of :func:`hegemony.panel`, its years spread over
    the executors (one task per group of years, each reading the data folder
    ``data_dir``, which every executor must see at that path; see
    ``docs/spark.md``)."""
    from . import panel as local_panel

    lo, hi = years
    probe = local_panel(years=(lo, lo), directed=directed, system=system, add=list(add), data_dir=data_dir)
    schema = _schema(probe.schema)
    expected = _expected_arrow(schema, spark)
    add_list: List[str] = list(add)
    n = partitions or spark.sparkContext.defaultParallelism

    def run(batches):
        from hegemony import panel as worker_panel

        for b in batches:
            years = sorted(b.column(0).to_pylist())
            # spark.range hands each task a run of consecutive years: one call
            # reads the datasets once for all of them.
            spans = [(years[0], years[-1])] if years and years[-1] - years[0] == len(years) - 1 else [(y, y) for y in years]
            for span in spans:
                t = worker_panel(years=span, directed=directed, system=system, add=add_list, data_dir=data_dir)
                for out in t.to_batches():
                    yield _conform(out, expected)

    years_df = spark.range(lo, hi + 1, numPartitions=n).withColumnRenamed("id", "year")
    return years_df.mapInArrow(run, schema)
