#!/usr/bin/env python3
"""Makes the default data compiled into the program: a compact extract of
the datasets in ../shared/data that the hierarchy profiles of the configured
comparison sets need, so that a fresh machine without a data folder gives
the same numbers as the full data.

What is kept, in the original files' layouts (so the same loaders read
them): for every state of a comparison set and every dominant state
(crates/hegemony-engine/weights/profile.toml) — its population (COW NMC),
its ATOP alliance dyad-years (either side), its trade with its dominant
state and its national trade (COW), the arms transfers it received (SIPRI),
US troops in the US's set (troopdata), its published ideal points and vote
agreement (Bailey, Strezhnev and Voeten), and its UN votes (unvotes, by ISO2 code or by name through the crosswalk), with
the full roll-call and issue tables. PROVENANCE.md records each source file
with its SHA-256, the rows kept, and the extract's SHA-256.

Run from the repository root after the comparison sets or the data change:

    python3 crates/hegemony-engine/default-data/make.py ../shared/data

The real-data test `default_data_gives_the_full_data_answer`
(crates/hegemony-engine/tests/default_data_real_data.rs) fails when the
extract no longer gives the full data's answer.
"""
import csv
import gzip
import hashlib
import io
import pathlib
import sys
import tomllib

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent


def registry():
    """Code -> (COW number, ISO2) from crates/hegemony-core/data/states.tsv."""
    out = {}
    for line in (ROOT / "crates/hegemony-core/data/states.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        c = line.split("\t")
        # A state with an ISO3 code owns it; a historical state without one
        # goes by its COW abbreviation only if no ISO3 holder took it.
        if c[3]:
            out[c[3]] = (c[0], c[4])
        else:
            out.setdefault(c[1], (c[0], c[4]))
    return out


def concerned():
    """The states of every comparison set and the dominant states: (members by dominant, all codes)."""
    settings = tomllib.loads((ROOT / "crates/hegemony-engine/weights/profile.toml").read_text(encoding="utf-8"))
    sets = {dom: s["states"] for dom, s in settings["comparison_sets"].items()}
    codes = set(sets) | {s for members in sets.values() for s in members}
    return sets, codes


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def extract(data, name, keep, out_dir, notes):
    """Copies the rows of data/name that `keep(row)` accepts into out_dir/name (gzip, fixed mtime)."""
    src = data / name
    with gzip.open(src, "rt", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        index = {h: i for i, h in enumerate(header)}
        rows = [r for r in reader if keep(lambda col, r=r: r[index[col]])]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    dst = out_dir / name
    with open(dst, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    notes.append((name, sha256(src), len(rows), sha256(dst), dst.stat().st_size))


def main(data):
    data = pathlib.Path(data)
    reg = registry()
    sets, codes = concerned()
    cow = {reg[c][0] for c in codes if reg.get(c, ("", ""))[0]}
    iso2 = {reg[c][1] for c in codes if reg.get(c, ("", ""))[1]}
    dominants = {reg[d][0]: {reg[m][0] for m in members if reg[m][0]} for d, members in sets.items()}
    us_members = dominants.get(reg["USA"][0], set())
    notes = []
    out = HERE
    extract(data, "ps_cow_nmc.csv.gz", lambda v: v("ccode") in cow, out, notes)
    extract(data, "ps_atop_alliance.csv.gz", lambda v: v("ccode1") in cow or v("ccode2") in cow, out, notes)

    def with_dominant(v):
        a, b = v("ccode1"), v("ccode2")
        return any((a == d and b in m) or (b == d and a in m) for d, m in dominants.items())

    extract(data, "ps_cow_trade_ndy.csv.gz", with_dominant, out, notes)
    extract(data, "ps_cow_trade_sy.csv.gz", lambda v: v("ccode") in cow, out, notes)
    extract(data, "sipri_tiv_transfers_1950_2021.csv.gz", lambda v: v("recipient_cown") in cow, out, notes)
    extract(data, "troopdata_us_troops_legacy.csv.gz", lambda v: v("ccode") in us_members, out, notes)
    extract(data, "voeten_idealpoints_jul2025.csv.gz", lambda v: v("ccode") in cow, out, notes)
    extract(data, "voeten_idealpoints_all_jun2024.csv.gz", lambda v: v("ccode") in cow, out, notes)
    # Votes by ISO2 code, and by name through the crosswalk for states the
    # registry has no ISO2 code for (West Germany; South Korea's row lacks one).
    with gzip.open(data / "unvotes_country_ccode_crosswalk.csv.gz", "rt", encoding="utf-8") as f:
        names = {r["country"] for r in csv.DictReader(f) if r["ccode"] in cow}
    extract(data, "unvotes_un_votes.csv.gz", lambda v: v("country_code") in iso2 or v("country") in names, out, notes)
    extract(data, "unvotes_un_roll_calls.csv.gz", lambda v: True, out, notes)
    extract(data, "unvotes_un_roll_call_issues.csv.gz", lambda v: True, out, notes)
    lines = [
        "# The default data: provenance",
        "",
        "An extract of the datasets in `../shared/data` (described in its README, with each",
        "dataset's origin, version and licence) made by `make.py` in this folder: the rows the",
        "hierarchy profiles of the configured comparison sets need, in the original layouts.",
        f"States: {', '.join(sorted(codes))}.",
        "",
        "| file | source SHA-256 | rows kept | extract SHA-256 | bytes |",
        "|---|---|---:|---|---:|",
    ]
    for name, src, rows, dst, size in notes:
        lines.append(f"| `{name}` | `{src}` | {rows} | `{dst}` | {size} |")
    (out / "PROVENANCE.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    total = sum(n[4] for n in notes)
    print(f"default data: {len(notes)} files, {total} bytes, for {len(codes)} states", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
