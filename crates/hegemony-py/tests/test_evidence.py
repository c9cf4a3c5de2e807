"""Evidence: extraction in memory equals what the CLI's ingest stores; the
store's tables equal the CLI's."""

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import hegemony

FIELDS = ["kind", "start", "end", "span", "value", "confidence"]


@pytest.fixture(scope="module")
def stored(cli, documents, tmp_path_factory):
    """The shared text documents ingested by the CLI into a new store."""
    store = tmp_path_factory.mktemp("ev") / "evidence.sqlite"
    files = sorted(documents.glob("*.txt"))[:6]
    cli.run("evidence", "--store", store, "ingest", *files)
    return store, files


def test_extraction_in_memory_equals_the_clis_ingest(cli, stored):
    store, files = stored
    docs = {d["name"]: d["doc"] for d in cli.json("evidence", "--store", store, "docs")}
    expected = cli.json("evidence", "--store", store, "candidates")
    table = pa.table({"id": [f.name for f in files], "text": [f.read_text() for f in files]})
    got = hegemony.evidence.extract(table).to_pylist()
    assert all(r["error"] is None for r in got)
    name_of = {doc: name.rsplit("/", 1)[-1] for name, doc in docs.items()}
    want = [(name_of[c["doc"]], *[c[k] for k in FIELDS], ",".join(c["actors"])) for c in expected]
    have = [(r["doc_id"], *[r[k] for k in FIELDS], r["actors"]) for r in got]
    assert len(have) == len(want) > 500
    assert sorted(have, key=lambda x: (x[0], x[2], x[3])) == sorted(want, key=lambda x: (x[0], x[2], x[3]))
    links = sum(len(c["links"]) for c in expected)
    assert sum(0 if r["links"] is None else r["links"].count(";") + 1 for r in got) == links


def test_the_store_tables_are_the_clis(cli, stored):
    store, _ = stored
    expected = cli.json("evidence", "--store", store, "candidates", "--kind", "relation")
    t = hegemony.evidence.candidates(kind="relation", store=store)
    assert t.column("id").to_pylist() == [c["id"] for c in expected]
    assert t.column("value").to_pylist() == [c["value"] for c in expected]
    docs = hegemony.evidence.documents(store=store)
    assert docs.column("sha256").to_pylist() == [d["sha256"] for d in cli.json("evidence", "--store", store, "docs")]
    hits = cli.json("evidence", "--store", store, "search", "air defence", "--limit", "5")
    h = hegemony.evidence.search("air defence", limit=5, store=store)
    assert [(r["doc"], r["start"], r["snippet"]) for r in h.to_pylist()] == [
        (x["doc"], x["start"], x["snippet"]) for x in hits]


def test_ids_keep_their_type_bytes_are_documents_and_bad_documents_are_rows():
    pdfless = b"\x00\x01binary"
    t = pa.table({"key": [7, 8, 9], "body": [b"Russia and Armenia signed a treaty in 1997.", pdfless, None]})
    out = hegemony.evidence.extract(t, id="key", text="body", links=False)
    assert out.schema.field("doc_id").type == pa.int64()
    errors = {r["doc_id"]: r["error"] for r in out.to_pylist() if r["error"]}
    assert set(errors) == {8, 9} and "no text" in errors[9]
    assert {r["doc_id"] for r in out.to_pylist() if r["error"] is None} == {7}
    assert out.column("links").null_count == out.num_rows


def test_polars_and_pandas_frames_are_taken_and_given_back():
    text = "On 14 November 2016 Russia and Armenia signed an agreement on the joint group of forces."
    a = hegemony.evidence.extract(pl.DataFrame({"id": ["x"], "text": [text]}))
    b = hegemony.evidence.extract(pd.DataFrame({"id": ["x"], "text": [text]}))
    assert a.equals(b) and a.num_rows > 3
    assert pl.from_arrow(a).height == a.num_rows and len(a.to_pandas()) == a.num_rows


def test_a_missing_column_names_the_columns():
    with pytest.raises(ValueError, match="no column 'text' among id, body"):
        hegemony.evidence.extract(pa.table({"id": [1], "body": ["x"]}))
