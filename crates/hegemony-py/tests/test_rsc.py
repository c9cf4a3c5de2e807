"""rsc: a year's regional security complexes, equal to the CLI's JSON."""

import pytest

import hegemony


@pytest.mark.parametrize("year", [1995, 2016])
def test_members_and_report_are_the_clis(cli, data, year):
    want = cli.json("rsc", "--year", year, "--data-dir", data)
    got = hegemony.rsc(year, data_dir=data)
    assert got.report == want
    rows = got.members.to_pylist()
    assert all(r["year"] == year for r in rows)
    # Every member of every complex once, in the CLI's order, with its complex's facts.
    members = [r for r in rows if r["role"] == "member"]
    assert [(r["complex"], r["state"]) for r in members] == [
        (c["id"], m) for c in want["complexes"] for m in c["members"]
    ]
    by_id = {c["id"]: c for c in want["complexes"]}
    for r in members:
        c = by_id[r["complex"]]
        assert (r["complex_name"], r["centre"], r["polarity"], r["character"]) == (
            c["name"], c.get("centre"), c["polarity"]["kind"], c["character"]["kind"])
        subs = [s for s in c["subcomplexes"] if r["state"] in s["members"]]
        assert r["subcomplex"] == (subs[0]["id"] if subs else None)
        assert r["between"] is None
    assert [r["state"] for r in rows if r["role"] == "insulator"] == want["insulators"]
    assert [r["state"] for r in rows if r["role"] == "unstructured"] == want["unstructured"]
    for r in rows:
        if r["role"] != "member":
            assert r["complex"] is None and r["polarity"] is None
    # Each state in one place only.
    assert len({r["state"] for r in rows}) == len(rows)
    assert len(members) > 20


def test_a_sector_not_covered_is_a_value_error(data):
    with pytest.raises(ValueError, match="societal sector is not covered"):
        hegemony.rsc(2000, sector="societal", data_dir=data)
