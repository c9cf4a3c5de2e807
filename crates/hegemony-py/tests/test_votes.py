"""agreement, ideal and convergence: equal to the CLI's on the shared data."""

import pyarrow.parquet as pq
import pytest

import hegemony

from conftest import same


def assert_rows_equal(table, rows, rel=1e-12):
    """A pyarrow table equal to the CLI's CSV rows, column by column and cell by cell."""
    assert table.column_names == list(rows[0].keys()), (table.column_names, list(rows[0].keys()))
    assert table.num_rows == len(rows)
    cols = {n: table.column(n).to_pylist() for n in table.column_names}
    for i, r in enumerate(rows):
        for n, v in r.items():
            assert same(cols[n][i], v, rel), (i, n, cols[n][i], v)


def test_agreement_of_named_dyads_equals_the_cli(cli, data):
    rows = cli.csv("agreement", "--dyads", "RUS:ARM,RUS:BLR", "--years", "1992-2019", "--data-dir", data)
    t = hegemony.agreement(["RUS:ARM", ("RUS", "BLR")], years=(1992, 2019), data_dir=data)
    assert t.num_rows == 56
    assert_rows_equal(t, rows)


def test_agreement_options_reach_the_engine_as_the_cli_spells_them(cli, data):
    args = ["--dominant", "Moscow", "--with", "post-soviet", "--by", "session", "--window", "3",
            "--issues", "hr,me", "--weights", "linear", "--absent", "abstain", "--source", "voeten", "--explain"]
    rows = cli.csv("agreement", *args, "--data-dir", data)
    t = hegemony.agreement(dominant="Moscow", with_="post-soviet", by="session", window=3, issues=["hr", "me"],
                           weights="linear", absent="abstain", source="voeten", explain=True, data_dir=data)
    assert "window_start" in t.column_names and "nn" in t.column_names
    assert_rows_equal(t, rows)


def test_agreement_of_all_dyad_years_equals_the_cli_parquet(cli, data, tmp_path):
    out = tmp_path / "all.parquet"
    cli.run("agreement", "--all", "--by", "year", "--format", "parquet", "--out", out, "--data-dir", data)
    expected = pq.read_table(out)
    t = hegemony.agreement("all", by="year", data_dir=data)
    assert t.num_rows == expected.num_rows > 800_000
    assert t.column_names == expected.column_names
    for name in t.column_names:
        assert t.column(name).equals(expected.column(name).cast(t.schema.field(name).type)), name
    assert t.schema.metadata[b"hegemony.inputs"] == expected.schema.metadata[b"hegemony.inputs"]


def test_ideal_points_equal_the_cli(cli, data):
    rows = cli.csv("ideal", "--kind", "binary", "--range", "70-72", "--data-dir", data)
    t = hegemony.ideal(kind="binary", range="70-72", data_dir=data)
    assert t.column_names == ["session", "iso3", "ccode", "theta", "lo", "hi", "n"]
    assert_rows_equal(t, rows)


def test_dynamic_ideal_points_equal_the_cli(cli, data):
    rows = cli.csv("ideal", "--model", "dynamic", "--by", "year", "--range", "2010-2019", "--data-dir", data)
    t = hegemony.ideal(model="dynamic", by="year", range=(2010, 2019), data_dir=data)
    assert_rows_equal(t, rows)


@pytest.mark.parametrize("group", [False, True])
def test_convergence_equals_the_cli(cli, data, group):
    args = ["convergence", "--dominant", "RUS", "--with", "ARM,BLR,GEO", "--years", "1995-2015"]
    rows = cli.csv(*args, *(["--group"] if group else []), "--data-dir", data)
    t = hegemony.convergence("RUS", ["ARM", "BLR", "GEO"], years=(1995, 2015), group=group, data_dir=data)
    assert_rows_equal(t, rows)


def test_years_given_three_ways_mean_the_same(data):
    a = hegemony.agreement(["RUS:ARM"], years=2016, data_dir=data)
    b = hegemony.agreement(["RUS:ARM"], years="2016-2016", data_dir=data)
    c = hegemony.agreement(["RUS:ARM"], years=(2016, 2016), data_dir=data)
    assert a.equals(b) and b.equals(c) and a.num_rows == 1
