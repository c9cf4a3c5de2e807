"""The dyad-year panel: equal to the CLI's, checked against peacesciencer's
exports (bench/panel_check.py), and its own columns against the engine's
other answers."""

import importlib.util
import pathlib

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

import hegemony

from conftest import REPO, same


def test_the_panel_equals_the_clis(cli, data, tmp_path):
    out = tmp_path / "p.parquet"
    add = "atop,cow_alliance,cinc,mids,rivalries,contiguity,majors,trade,igo"
    cli.run("panel", "--years", "1990-1995", "--directed", "--add", add, "--format", "parquet", "--out", out, "--data-dir", data)
    expected = pq.read_table(out)
    t = hegemony.panel((1990, 1995), directed=True, add=add.split(","), data_dir=data)
    assert t.num_rows == expected.num_rows > 100_000
    assert t.column_names == expected.column_names
    for name in t.column_names:
        a = t.column(name).cast(pa.float64()).to_pylist()
        b = expected.column(name).cast(pa.float64()).to_pylist()
        assert a == b, name


def test_every_difference_from_peacesciencers_exports_is_explained(data):
    spec = importlib.util.spec_from_file_location("panel_check", REPO / "bench" / "panel_check.py")
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)
    lines, unexplained = check.check(data)
    assert unexplained == []
    text = "\n".join(lines)
    # The universe is create_dyadyears' (ps_cow_ddy) row for row.
    assert "only in the panel 0, only in ps_cow_ddy 0" in text
    rows = [l.split("|")[1:-1] for l in lines if l.startswith("| ") and not l.startswith("| column")]
    assert len(rows) == 36
    # Every compared column: values defined on both sides, none differing.
    assert all(int(r[1].replace(",", "")) > 0 and r[2].strip() == "0" for r in rows), rows


def test_columns_are_null_outside_coverage_never_zero(data):
    t = hegemony.panel((2010, 2020), add=["atop", "cow_alliance", "mids", "trade"], data_dir=data)
    def nulls(col, year):
        f = t.filter(pc.equal(t["year"], year))
        return f[col].null_count == f.num_rows
    assert nulls("cow_defense", 2013) and not nulls("cow_defense", 2012)
    assert nulls("atop_defense", 2019) and not nulls("atop_defense", 2018)
    assert nulls("cowmidonset", 2015) and not nulls("cowmidonset", 2014)
    assert nulls("flow1", 2015)
    arm_aze = t.filter(pc.and_(pc.equal(t["ccode1"], 371), pc.and_(pc.equal(t["ccode2"], 373), pc.equal(t["year"], 2012))))
    assert arm_aze["cowmidongoing"].to_pylist() == [1]


def test_a_directed_panel_turns_the_flows_with_the_dyad(data):
    t = hegemony.panel((2000, 2000), directed=True, add=["trade"], data_dir=data)
    rows = {(r["ccode1"], r["ccode2"]): r for r in t.to_pylist()}
    ab, ba = rows[(365, 371)], rows[(371, 365)]
    assert (ab["flow1"], ab["flow2"]) == (ba["flow2"], ba["flow1"]) and ab["flow1"] is not None


def test_gleditsch_ward_rows_join_on_cow_codes(data):
    t = hegemony.panel((2000, 2000), system="gw", add=["cinc"], data_dir=data)
    assert t.column_names[:5] == ["gwcode1", "gwcode2", "year", "ccode1", "ccode2"]
    ger = t.filter(pc.and_(pc.equal(t["gwcode1"], 2), pc.equal(t["gwcode2"], 260))).to_pylist()[0]
    assert ger["ccode2"] == 255 and ger["cinc2"] is not None


def test_vote_agreement_and_ideal_points_are_the_engines(data):
    t = hegemony.panel((2005, 2006), add=["unvotes", "idealpoints"], data_dir=data)
    a = hegemony.agreement(dominant="RUS", with_="ARM", years=(2005, 2006), data_dir=data).to_pylist()
    got = t.filter(pc.and_(pc.equal(t["ccode1"], 365), pc.equal(t["ccode2"], 371))).to_pylist()
    assert [(r["year"], r["un_n"]) for r in got] == [(r["year"], r["n"]) for r in a]
    assert all(same(g["un_kappa"], r["kappa"]) and same(g["un_agree"], r["agree"]) for g, r in zip(got, a))
    assert all(same(r["idealpoint_distance"], abs(r["idealpoint1"] - r["idealpoint2"])) for r in got)


def test_hierarchy_columns_are_the_profiles(data):
    t = hegemony.panel((2015, 2016), add=["hierarchy"], data_dir=data)
    p = hegemony.profile("ARM", "RUS", data_dir=data).measures.to_pylist()
    value = {(r["measure"], r["year"]): r["value"] for r in p}
    rows = t.filter(pc.and_(pc.equal(t["ccode1"], 365), pc.equal(t["ccode2"], 371))).to_pylist()
    for r in rows:
        assert r["hier_dominant"] == 365
        for m in ("composite", "security", "economic", "institutionalisation", "alignment"):
            assert same(r[f"hier_{m}"], value[(m, r["year"])]), (m, r["year"])
    # Canada is in the United States' comparison set (NATO); Cuba is in none.
    canada = t.filter(pc.and_(pc.equal(t["ccode1"], 2), pc.equal(t["ccode2"], 20)))
    assert canada["hier_dominant"].to_pylist() == [2, 2] and canada["hier_composite"].null_count == 0
    cuba = t.filter(pc.and_(pc.equal(t["ccode1"], 2), pc.equal(t["ccode2"], 40)))
    assert cuba["hier_composite"].null_count == cuba.num_rows == 2


def test_a_missing_dataset_names_the_file_and_an_unknown_group_the_groups(tmp_path, data):
    with pytest.raises(FileNotFoundError, match="needs ps_cow_alliance.csv.gz"):
        hegemony.panel((2000, 2000), add=["cow_alliance"], data_dir=tmp_path)
    with pytest.raises(ValueError, match="no column group 'alliances'; known: atop, cow_alliance"):
        hegemony.panel((2000, 2000), add=["alliances"], data_dir=data)
    groups = hegemony.panel_columns()
    assert "atop_defense" in groups.column("columns")[0].as_py()


def test_the_clis_arrow_file_is_the_python_table(cli, data, tmp_path):
    import pyarrow.ipc as ipc

    out = tmp_path / "p.arrow"
    cli.run("panel", "--years", "2000-2001", "--add", "atop,cinc", "--format", "arrow", "--out", out, "--data-dir", data)
    from_file = ipc.open_file(out).read_all()
    t = hegemony.panel((2000, 2001), add=["atop", "cinc"], data_dir=data).combine_chunks()
    # The file declares columns without missing values non-nullable; the stream declares all nullable.
    assert t.cast(from_file.schema).equals(from_file)
    assert from_file.schema.field("atop_defense").type == pa.int8()
