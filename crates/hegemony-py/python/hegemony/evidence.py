"""Evidence from documents (``hegemony evidence``): ingest files into an
evidence store, list its documents and candidate facts, search its passages;
and extract candidates from documents in memory (``extract``, what
``hegemony.spark.extract`` runs inside Spark executors).

The store is ``store=`` (an SQLite file), else ``evidence.sqlite`` in the
data folder (``data_dir=``, ``HEGEMONY_DATA``, the user data folder), as the
CLI finds it. Offsets (``start``, ``end``) are character offsets into the
document's original text.
"""

from __future__ import annotations

import os
from typing import Any, Optional, Sequence

import pyarrow as pa

from . import PathLike, _native, _path, _table

__all__ = ["candidates", "documents", "extract", "ingest", "search"]


def ingest(
    files: Sequence[PathLike],
    *,
    store: Optional[PathLike] = None,
    data_dir: Optional[PathLike] = None,
    errors: str = "raise",
) -> pa.Table:
    """Ingests documents (plain text, HTML, PDF with a text layer, DOCX; the
    format is read from the content) into the evidence store: one row per
    file with ``file``, ``outcome`` (``stored``, ``unchanged``, ``failed``),
    ``doc``, ``version``, ``passages``, ``candidates``, ``error``.

    Every file is tried; each is stored whole or not at all. With
    ``errors="raise"`` (the default, like the CLI's exit code 1) a failure
    raises ``ValueError`` naming every failed file after the others are
    stored; ``errors="report"`` returns the table with the failures in it.
    """
    if errors not in ("raise", "report"):
        raise ValueError(f"errors: '{errors}' is not one of raise, report")
    if isinstance(files, (str, os.PathLike)):
        files = [files]
    t = _table(_native.ingest([os.fspath(f) for f in files], _path(store), _path(data_dir)))
    if errors == "raise":
        failed = [
            f"{f}: {e}"
            for f, o, e in zip(t.column("file").to_pylist(), t.column("outcome").to_pylist(), t.column("error").to_pylist())
            if o == "failed"
        ]
        if failed:
            raise ValueError(f"{len(failed)} of {t.num_rows} file(s) could not be ingested:\n" + "\n".join(failed))
    return t


def documents(*, store: Optional[PathLike] = None, data_dir: Optional[PathLike] = None) -> pa.Table:
    """The stored documents' latest versions (``hegemony evidence docs``):
    ``doc``, ``version``, ``title``, ``date``, ``date_rule``, ``format``,
    ``passages``, ``candidates``, ``bytes``, ``sha256``, ``name``,
    ``author``, ``publisher``."""
    return _table(_native.documents(_path(store), _path(data_dir)))


def candidates(
    doc: Optional[int] = None,
    *,
    kind: Optional[str] = None,
    status: Optional[str] = None,
    limit: Optional[int] = None,
    store: Optional[PathLike] = None,
    data_dir: Optional[PathLike] = None,
) -> pa.Table:
    """Candidate facts of the store (``hegemony evidence candidates``), in
    text order: ``id``, ``doc``, ``version``, ``passage``, ``kind``,
    ``start``, ``end``, ``span``, ``value``, ``actors``, ``confidence``,
    ``rule``, ``date``, ``detail`` (JSON), ``status``, ``links`` (the
    knowledge-base facts it supports or contradicts). ``kind``: actor, date,
    quantity, relation, claim; ``status``: pending, accepted, rejected.
    """
    return _table(_native.candidates(doc, kind, status, limit, _path(store), _path(data_dir)))


def search(
    query: str,
    *,
    actor: Optional[str] = None,
    since: Optional[int] = None,
    until: Optional[int] = None,
    limit: int = 10,
    store: Optional[PathLike] = None,
    data_dir: Optional[PathLike] = None,
) -> pa.Table:
    """Full-text search over the passages (``hegemony evidence search``),
    best first: ``rank``, ``doc``, ``version``, ``title``, ``passage``,
    ``start``, ``end``, ``score`` (bm25, lower is better), ``all_words``,
    ``snippet`` (matched words between ``**``). ``actor`` keeps passages
    naming it (a state, or an id such as ``org:csto``); ``since``/``until``
    keep passages dated in those years."""
    return _table(_native.search(query, actor, since, until, limit, _path(store), _path(data_dir)))


def _arrow(documents: Any) -> Any:
    """Documents as an object with ``__arrow_c_stream__``."""
    if hasattr(documents, "__arrow_c_stream__"):
        return documents
    if isinstance(documents, pa.RecordBatch):
        return pa.Table.from_batches([documents])
    if type(documents).__module__.startswith("pandas"):
        return pa.Table.from_pandas(documents, preserve_index=False)
    raise TypeError(
        "documents: expected a pyarrow Table or RecordBatch, a polars or pandas DataFrame "
        f"(columns id and text), not {type(documents).__name__}"
    )


def extract_batches(documents: Any, *, id: str = "id", text: str = "text", links: bool = True) -> list:
    """:func:`extract`, one ``pyarrow.RecordBatch`` per input batch (what a
    Spark ``mapInArrow`` function yields)."""
    frames = _native.extract(_arrow(documents), id, text, links)
    return [b for f in frames for b in pa.RecordBatchReader.from_stream(f)]


def extract(documents: Any, *, id: str = "id", text: str = "text", links: bool = True) -> pa.Table:
    """Candidate facts of documents held in memory, without a store: the
    candidates ``ingest`` would store for the same bytes, in the store's
    order.

    ``documents`` is a table (pyarrow, polars, pandas) with an ``id`` column
    (whole numbers or text) and a ``text`` column (text, or bytes of a PDF,
    DOCX or HTML file). Columns: ``doc_id``, ``candidate`` (its number in
    the document), ``passage``, ``kind``, ``start``, ``end``, ``span``,
    ``value``, ``actors``, ``confidence``, ``rule``, ``date``, ``detail``,
    ``links`` (with ``links=True``) and ``error``: a document that cannot be
    read gives one row with the reason in ``error``; a document without
    candidates gives none.
    """
    frames = _native.extract(_arrow(documents), id, text, links)
    return pa.concat_tables([_table(f) for f in frames])
