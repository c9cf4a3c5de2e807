"""profile and compare: equal to the CLI's JSON on the shared data."""

import pytest

import hegemony

from conftest import same


def walk(measures, parent=None):
    """The CLI's measure tree as the long table's rows."""
    for m in measures:
        for p in m["series"]:
            yield {
                "measure": m["name"],
                "year": p["year"],
                "value": p.get("value"),
                "lo": p.get("lo"),
                "hi": p.get("hi"),
                "coverage": p["coverage"],
                "basis": p.get("basis"),
                "source": p.get("source"),
                "parent": parent,
                "unit": m["unit"],
                "weight": m.get("weight"),
                "missing": "; ".join(p.get("missing", [])) or None,
                "sources": "; ".join(p["sources"]) or None,
                "note": p.get("note"),
                "carried_from": p.get("carried_from"),
            }
        yield from walk(m.get("components", []), m["name"])


@pytest.fixture(scope="module")
def arm(cli, data):
    cli_json = cli.json("profile", "ARM", "--dominant", "RUS", "--by", "year", "--data-dir", data)
    return cli_json, hegemony.profile("ARM", "RUS", data_dir=data)


def test_the_long_table_is_the_clis_measure_tree(arm):
    cli_json, p = arm
    expected = list(walk(cli_json["measures"]))
    t = p.measures
    assert t.column_names[:10] == ["subordinate", "dominant", "year", "measure", "value", "lo", "hi", "coverage",
                                   "basis", "source"]
    assert t.num_rows == len(expected) > 500
    assert set(t.column("subordinate").to_pylist()) == {"ARM"} and set(t.column("dominant").to_pylist()) == {"RUS"}
    got = t.to_pylist()
    for g, e in zip(got, expected):
        for k, v in e.items():
            assert same(g[k], v), (g["measure"], g["year"], k, g[k], v)


def test_the_report_is_the_clis_json(arm):
    cli_json, p = arm
    assert p.report == cli_json


def test_phases_breaks_and_ranks_are_the_clis(arm):
    cli_json, p = arm
    periods = p.periods.to_pylist()
    assert [(r["from"], r["to"]) for r in periods] == [(x["from"], x["to"]) for x in cli_json["periods"]]
    for r, x in zip(periods, cli_json["periods"]):
        for name, mean in x["means"].items():
            assert same(r[name], mean)
        assert r["moved"] == ("; ".join(x["moved"]) or None)
    breaks = p.breaks.to_pylist()
    assert [(b["year"], b["measure"], b["before"], b["after"]) for b in breaks] == [
        (x["year"], x["measure"], x["before"], x["after"]) for x in cli_json["breaks"]
    ]
    assert p.drivers.num_rows == sum(len(x["drivers"]) for x in cli_json["breaks"])
    ranks = p.ranks.to_pylist()
    assert [(r["year"], r["rank"], r["rank_best"], r["rank_worst"], r["of"]) for r in ranks] == [
        (x["year"], x["rank"], x["rank_best"], x["rank_worst"], x["of"]) for x in cli_json["ranks"]
    ]
    assert p.warnings == cli_json["warnings"] and p.comparison_set == cli_json["comparison_set"]


def test_wide_has_one_row_per_year_and_the_long_tables_values(arm):
    _, p = arm
    w = p.wide()
    assert w.column("year").to_pylist() == list(range(1992, 2026))
    composite = {r["year"]: r["value"] for r in p.measures.to_pylist() if r["measure"] == "composite"}
    assert w.column("composite").to_pylist() == [composite[y] for y in range(1992, 2026)]


def test_a_what_if_keeps_the_baseline_and_lists_the_differences(cli, data):
    cli_json = cli.json("profile", "ARM", "--dominant", "RUS", "--without", "arm-csto", "--data-dir", data)
    p = hegemony.profile("ARM", "RUS", without=["arm-csto"], data_dir=data)
    assert p.baseline is not None and p.differences.num_rows == len(cli_json["differences"]) > 0
    expected = list(walk(cli_json["scenario"]["measures"]))
    assert [r["value"] for r in p.measures.to_pylist()] == [e["value"] for e in expected]
    base = list(walk(cli_json["measures"]))
    assert [r["value"] for r in p.baseline.measures.to_pylist()] == [e["value"] for e in base]


def test_compare_all_is_the_clis_ranking(cli, data):
    cli_json = cli.json("compare", "--all", "--dominant", "RUS", "--year", "2019", "--data-dir", data)
    t = hegemony.compare("RUS", year=2019, data_dir=data)
    assert t.column("state").to_pylist() == [p["subordinate"] for p in cli_json]
    rank = {p["subordinate"]: next(r for r in p["ranks"] if r["year"] == 2019) for p in cli_json}
    for row in t.to_pylist():
        r = rank[row["state"]]
        assert (row["rank"], row["rank_best"], row["rank_worst"], row["of"]) == (
            r["rank"], r["rank_best"], r["rank_worst"], r["of"])
        p = next(p for p in cli_json if p["subordinate"] == row["state"])
        composite = next(pt for pt in p["measures"][0]["series"] if pt["year"] == 2019)
        assert same(row["composite"], composite.get("value")) and row["composite_basis"] == composite.get("basis")
    long = hegemony.compare("RUS", ["ARM", "BLR"], year=2012, long=True, data_dir=data)
    assert set(long.column("year").to_pylist()) == {2012}
    assert set(long.column("subordinate").to_pylist()) == {"ARM", "BLR"}


def test_facts_and_timeline_are_the_clis(cli):
    cli_facts = cli.json("facts", "ARM", "--with", "RUS", "--year", "2016")
    t = hegemony.facts("ARM", "RUS", year=2016)
    assert t.column("id").to_pylist() == [f["id"] for f in cli_facts]
    assert t.column("status").to_pylist() == [f.get("status") or None for f in cli_facts]
    rows = cli.csv("kb", "timeline", "ARM", "--with", "RUS")
    tl = hegemony.timeline("ARM", "RUS").to_pylist()
    assert [(r["date"], r["kind"], r["text"], r["fact_id"]) for r in tl] == [
        (r["date"], r["kind"], r["text"], r["fact_id"]) for r in rows]
    assert all(f"{r['confidence']:.2f}" == e["confidence"] for r, e in zip(tl, rows))


def test_states_are_the_clis(cli):
    rows = cli.csv("states")
    t = hegemony.states()
    assert t.num_rows == len(rows) > 200
    for g, e in zip(t.to_pylist(), rows):
        assert all(same(g[k], v) for k, v in e.items()), (g, e)
