#!/usr/bin/env python3
"""The dyad-year panel checked against peacesciencer's exports in the data
folder: for each column, how many dyad-years both define, how many values
differ, and the rows one side has and the other lacks, each difference
explained. Exit status 1 when a difference has no explanation.

    python3 bench/panel_check.py [--data-dir ../shared/data] [--markdown]

Needs the Python package (`pip install ./crates/hegemony-py`) and pyarrow.
The peacesciencer side is rebuilt here from the exports with pyarrow alone
(joins and year expansions written out below), so the check does not use
the engine to check the engine.
"""

import argparse
import os
import pathlib
import sys

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

import hegemony

KEY = ["ccode1", "ccode2", "year"]


def read(data, stem):
    return pacsv.read_csv(data / f"{stem}.csv.gz")


def expand_years(t, start, end, lo, hi, keep):
    """One row per year of each spell (start..end, clipped to lo..hi), keeping columns `keep`."""
    cols = {k: [] for k in keep + ["year"]}
    rows = t.select(keep + [start, end]).to_pylist()
    for r in rows:
        for y in range(max(r[start], lo), min(r[end], hi) + 1):
            for k in keep:
                cols[k].append(r[k])
            cols["year"].append(y)
    return pa.table(cols)


def year_of(col):
    """The year of a date column."""
    return pc.year(col)


def compare(panel, ref, columns, fill=None, span=None, on=KEY):
    """Per column: dyad-years both define, values that differ. `ref` rows
    absent from the panel (within `span`) are counted; a missing ref row is
    `fill` (0 for event datasets) or not defined (None)."""
    p = panel
    if span is not None:
        p = p.filter(pc.and_(pc.greater_equal(p["year"], span[0]), pc.less_equal(p["year"], span[1])))
    r = ref.rename_columns([c if c in on else f"ref_{c}" for c in ref.column_names])
    joined = p.select(on + columns).join(r, on, join_type="left outer")
    out = {}
    for c in columns:
        mine = joined[c]
        theirs = joined[f"ref_{c}"]
        if fill is not None:
            theirs = pc.fill_null(theirs, fill)
        both = pc.and_(pc.is_valid(mine), pc.is_valid(theirs))
        only_mine = pc.sum(pc.and_(pc.is_valid(mine), pc.is_null(theirs))).as_py() or 0
        only_theirs = pc.sum(pc.and_(pc.is_null(mine), pc.is_valid(theirs))).as_py() or 0
        diff = pc.sum(pc.and_(both, pc.not_equal(pc.cast(mine, pa.float64()), pc.cast(theirs, pa.float64())))).as_py() or 0
        out[c] = {"both": pc.sum(both).as_py() or 0, "differ": diff, "only_panel": only_mine, "only_ref": only_theirs}
    # Reference rows whose dyad-year is not in the panel at all.
    missing = ref.join(p.select(on), on, join_type="left anti")
    return out, missing


def section(name, results, missing, notes, lines):
    lines.append(f"\n### {name}\n")
    lines.append("| column | both define | differ | panel only | reference only |")
    lines.append("|---|---:|---:|---:|---:|")
    for c, r in results.items():
        lines.append(f"| {c} | {r['both']:,} | {r['differ']:,} | {r['only_panel']:,} | {r['only_ref']:,} |")
    lines.append(f"\nReference rows without a dyad-year in the panel: {missing.num_rows:,}.")
    for n in notes:
        lines.append(f"- {n}")


def check(data: pathlib.Path):
    """Runs every comparison; returns (markdown lines, unexplained differences)."""
    lines, unexplained = [], []
    add = ["atop", "cow_alliance", "cinc", "mids", "contiguity", "majors", "trade", "igo", "rivalries"]
    directed = hegemony.panel((1816, 2024), directed=True, add=add, data_dir=data).combine_chunks()
    nondirected = hegemony.panel((1816, 2024), directed=False, add=["trade", "igo"], data_dir=data).combine_chunks()
    cast = lambda t: t.cast(pa.schema([pa.field(f.name, pa.int64() if pa.types.is_integer(f.type) else f.type) for f in t.schema]))
    directed, nondirected = cast(directed), cast(nondirected)

    # 1. The universe: ps_cow_ddy (create_dyadyears, COW, directed, to 2024).
    ddy = read(data, "ps_cow_ddy")
    only_ps = ddy.join(directed.select(KEY), KEY, join_type="left anti")
    only_us = directed.select(KEY).join(ddy, KEY, join_type="left anti")
    lines.append("## The dyad-year panel against peacesciencer's exports\n")
    lines.append(f"Directed COW dyad-years 1816-2024: panel {directed.num_rows:,}, ps_cow_ddy {ddy.num_rows:,}; "
                 f"only in the panel {only_us.num_rows:,}, only in ps_cow_ddy {only_ps.num_rows:,}.")
    for t, who in ((only_us, "the panel"), (only_ps, "ps_cow_ddy")):
        if t.num_rows:
            unexplained.append(f"{t.num_rows} dyad-years only in {who}")
            lines += [f"- {r}" for r in t.slice(0, 20).to_pylist()]

    # 2. ATOP and COW alliances: a missing reference row is 0 within coverage.
    atop = read(data, "ps_atop_alliance")
    cols = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]
    res, missing = compare(directed, atop, cols, fill=0, span=(1816, 2018))
    notes = explain_missing(missing, data, "ps_atop_alliance", unexplained)
    section("ATOP (ps_atop_alliance), directed, 1816-2018", res, missing, notes, lines)
    unexplained += [f"atop {c}: {r['differ']} values differ" for c, r in res.items() if r["differ"]]

    cow = read(data, "ps_cow_alliance")
    cols = ["cow_defense", "cow_neutral", "cow_nonagg", "cow_entente"]
    res, missing = compare(directed, cow, cols, fill=0, span=(1816, 2012))
    notes = explain_missing(missing, data, "ps_cow_alliance", unexplained)
    section("COW alliances (ps_cow_alliance), directed, 1816-2012", res, missing, notes, lines)
    unexplained += [f"cow {c}: {r['differ']} values differ" for c, r in res.items() if r["differ"]]

    # 3. Capabilities, each side joined on its own code.
    nmc = read(data, "ps_cow_nmc")
    parts = ["milex", "milper", "irst", "pec", "tpop", "upop", "cinc"]
    for side in ("1", "2"):
        ref = nmc.rename_columns([f"ccode{side}" if c == "ccode" else (f"{c}{side}" if c in parts else c) for c in nmc.column_names])
        p = directed.select([f"ccode{side}", "year"] + [f"{c}{side}" for c in parts])
        res, _ = compare(p, ref, [f"{c}{side}" for c in parts], on=[f"ccode{side}", "year"], span=(1816, 2022))
        section(f"Capabilities of ccode{side} (ps_cow_nmc), 1816-2022", res, pa.table({"x": []}), [], lines)
        unexplained += [f"nmc {c}: {r}" for c, r in res.items() if r["differ"] or r["only_panel"] or r["only_ref"]]

    # 4. MIDs: ongoing, onset, dispute number per directed dyad-year.
    mids = read(data, "ps_cow_mid_ddydisps").select(KEY + ["dispnum", "cowmidongoing", "cowmidonset"])
    res, missing = compare(directed, mids, ["cowmidongoing", "cowmidonset", "dispnum"], span=(1816, 2014))
    notes = [f"'panel only' for the flags are the dyad-years without a dispute (0 in the panel, no row in the file): "
             f"{res['cowmidongoing']['only_panel']:,}."]
    notes += explain_missing(missing, data, "ps_cow_mid_ddydisps", unexplained)
    section("MIDs (ps_cow_mid_ddydisps), directed, 1816-2014", res, missing, notes, lines)
    onset_diff = res["cowmidonset"]["differ"]
    if onset_diff:
        unexplained.append(f"mids cowmidonset: {onset_diff} values differ")
    for c in ("cowmidongoing", "dispnum"):
        if res[c]["differ"]:
            unexplained.append(f"mids {c}: {res[c]['differ']} values differ")

    # 5. Contiguity: spells expanded to years, the closest contact (1-5) of the year, else 0.
    cont = read(data, "ps_cow_contdir")
    cont = cont.append_column("styear", year_of(cont["stdate"])).append_column("endyear", year_of(cont["enddate"]))
    contact = cont.filter(pc.greater_equal(cont["conttype"], 1))
    yearly = expand_years(contact, "styear", "endyear", 1816, 2016, ["ccode1", "ccode2", "conttype"])
    yearly = yearly.group_by(KEY).aggregate([("conttype", "min")]).rename_columns(KEY + ["conttype"])
    res, missing = compare(directed, yearly, ["conttype"], fill=0, span=(1816, 2016))
    notes = explain_missing(missing, data, "ps_cow_contdir", unexplained)
    section("Contiguity (ps_cow_contdir spells by year), directed, 1816-2016", res, missing, notes, lines)
    if res["conttype"]["differ"]:
        unexplained.append(f"contiguity: {res['conttype']['differ']} values differ")

    # 6. Major powers: spells by year (a state is major in a year its spell touches).
    maj = read(data, "ps_cow_majors")
    yearly = expand_years(maj, "styear", "endyear", 1816, 2016, ["ccode"])
    yearly = yearly.append_column("cowmaj", pa.array([1] * yearly.num_rows, pa.int64()))
    for side in ("1", "2"):
        ref = yearly.rename_columns([f"ccode{side}", "year", f"cowmaj{side}"])
        on = [f"ccode{side}", "year"]
        ref = ref.group_by(on).aggregate([(f"cowmaj{side}", "max")]).rename_columns(on + [f"cowmaj{side}"])
        p = directed.select(on + [f"cowmaj{side}"])
        res, _ = compare(p, ref, [f"cowmaj{side}"], fill=0, on=on, span=(1816, 2016))
        section(f"Major powers of ccode{side} (ps_cow_majors spells by year), 1816-2016", res, pa.table({"x": []}), [], lines)
        if res[f"cowmaj{side}"]["differ"]:
            unexplained.append(f"majors: {res[f'cowmaj{side}']['differ']} values differ")

    # 7. Rivalries: ongoing in the year.
    for stem, col, start, end, last in (("ps_td_rivalries", "td_rivalry", "styear", "endyear", 2010),
                                        ("ps_tss_rivalries", "tss_rivalry", "start", "end", 2020)):
        riv = read(data, stem)
        y = expand_years(riv, start, end, 1816, last, ["ccode1", "ccode2"])
        both = pa.concat_tables([y, y.select(["ccode2", "ccode1", "year"]).rename_columns(KEY)])
        both = both.group_by(KEY).aggregate([])
        both = both.append_column(col, pa.array([1] * both.num_rows, pa.int64()))
        res, missing = compare(directed, both, [col], fill=0, span=(1816, last))
        notes = explain_missing(missing, data, stem, unexplained)
        section(f"Rivalries ({stem}), directed, 1816-{last}", res, missing, notes, lines)
        if res[col]["differ"]:
            unexplained.append(f"{col}: {res[col]['differ']} values differ")

    # 8. Trade and IGOs: non-directed files, joined on the non-directed panel.
    trade = read(data, "ps_cow_trade_ndy")
    res, missing = compare(nondirected, trade, ["flow1", "flow2", "smoothflow1", "smoothflow2"], span=(1870, 2014))
    in_span = nondirected.filter(pc.and_(pc.greater_equal(nondirected["year"], 1870), pc.less_equal(nondirected["year"], 2014)))
    no_row = in_span.join(trade, KEY, join_type="left anti")
    notes = [f"{no_row.num_rows:,} dyad-years of the panel (1870-2014) have no row in the trade file (peacesciencer dropped "
             f"dyad-years whose four flows were all missing): null in the panel; rows with one flow missing keep the other."]
    notes += explain_missing(missing, data, "ps_cow_trade_ndy", unexplained)
    section("Trade (ps_cow_trade_ndy), non-directed, 1870-2014", res, missing, notes, lines)
    unexplained += [f"trade {c}: {r['differ']} values differ" for c, r in res.items() if r["differ"]]
    lines.append("\nThe directed panel's flows, turned with the dyad, were checked by the tests (flow1 of (B, A) = flow2 of (A, B)).")

    igo = read(data, "ps_cow_igo_ndy")
    res, missing = compare(nondirected, igo, ["dyadigos"], span=(1816, 2014))
    no_row = nondirected.filter(pc.less_equal(nondirected["year"], 2014)).join(igo, KEY, join_type="left anti")
    notes = [f"{no_row.num_rows:,} dyad-years of the panel (1816-2014) have no row in the IGO data: null in the panel "
             f"(the IGO data's state list differs from COW's), e.g. {no_row.slice(0, 3).select(KEY).to_pylist()}."]
    notes += explain_missing(missing, data, "ps_cow_igo_ndy", unexplained)
    section("IGO co-memberships (ps_cow_igo_ndy), non-directed, 1816-2014", res, missing, notes, lines)
    if res["dyadigos"]["differ"]:
        unexplained.append(f"igo: {res['dyadigos']['differ']} values differ")
    return lines, unexplained


_SPELLS = {}


def spells(data):
    """COW membership spells by code, as (start, end) dates, from ps_cow_states."""
    if not _SPELLS:
        import datetime as dt
        for r in read(data, "ps_cow_states").to_pylist():
            start = dt.date(r["styear"], r["stmonth"], r["stday"])
            end = dt.date(r["endyear"], r["endmonth"], r["endday"])
            _SPELLS.setdefault(r["ccode"], []).append((start, end))
    return _SPELLS


def status(data, code, year):
    """'member', 'not a member' of the COW system in `year`, with the days."""
    import datetime as dt
    lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
    days = [(max(a, lo), min(b, hi)) for a, b in spells(data).get(code, []) if a <= hi and b >= lo]
    # COW v2016 ends on 2016-12-31: a spell open then runs on (create_dyadyears' mry).
    days += [(lo, hi) for a, b in spells(data).get(code, []) if b.year == 2016 and year > 2016]
    return days


def explain_missing(missing, data, stem, unexplained, allow_before=None):
    """Reference rows without a dyad-year in the panel, by why: a state not
    in the COW system that year, or two members never members on the same day."""
    if missing.num_rows == 0:
        return []
    out = {}
    for r in missing.to_pylist():
        y = r["year"]
        d1, d2 = status(data, r["ccode1"], y), status(data, r["ccode2"], y)
        if y < 1816:
            why = "before 1816, where the COW list starts"
        elif not d1 or not d2:
            absent = sorted(c for c, d in ((r["ccode1"], d1), (r["ccode2"], d2)) if not d)
            why = f"COW does not list {', '.join(map(str, absent))} as a member that year"
        elif not any(a[0] <= b[1] and b[0] <= a[1] for a in d1 for b in d2):
            why = "both are members that year but never on the same day"
        else:
            why = None
        key = why or "UNEXPLAINED"
        e = out.setdefault(key, [0, y, y])
        e[0] += 1
        e[1], e[2] = min(e[1], y), max(e[2], y)
    notes = [f"{missing.num_rows:,} rows of {stem} have no dyad-year in the panel:"]
    if "UNEXPLAINED" in out:
        unexplained.append(f"{stem}: {out['UNEXPLAINED'][0]} rows without a panel dyad-year and no reason")
    for why, (n, lo, hi) in sorted(out.items(), key=lambda kv: (kv[0] != "UNEXPLAINED", -kv[1][0]))[:12]:
        notes.append(f"  {n:,} ({lo}-{hi}): {why}")
    if len(out) > 12:
        rest = sum(v[0] for _, v in sorted(out.items(), key=lambda kv: (kv[0] != "UNEXPLAINED", -kv[1][0]))[12:])
        notes.append(f"  … and {rest:,} rows in {len(out) - 12} more groups, each a state COW does not list that year "
                     f"or two members never on the same day (unexplained rows, if any, come first above)")
    return notes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = os.environ.get("HEGEMONY_SHARED_DATA") or str(pathlib.Path(__file__).resolve().parents[1].parent / "shared" / "data")
    ap.add_argument("--data-dir", default=default)
    args = ap.parse_args()
    lines, unexplained = check(pathlib.Path(args.data_dir))
    print("\n".join(lines))
    if unexplained:
        print("\nUNEXPLAINED:\n" + "\n".join(unexplained))
        sys.exit(1)


if __name__ == "__main__":
    main()
