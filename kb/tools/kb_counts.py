#!/usr/bin/env python3
"""Counts the facts of a knowledge-base folder: by kind, by state, by period
of their start date (before 2000, 2000-2013, 2014-2018, 2019-2026), and the
share of facts by the kind of their sources (a fact whose every source is
`general`/unverified counts as unverified; one with at least one treaty,
document, dataset, publication or web source counts under the strongest).
For the issue notes: run it on a checkout before and after a change.

    python3 kb/tools/kb_counts.py kb            # this checkout
    git worktree add /tmp/old <commit> && python3 kb/tools/kb_counts.py /tmp/old/kb
"""
import collections
import pathlib
import sys
import tomllib

KINDS = ["organisation", "membership", "agreement", "presence", "asset", "dependence", "event", "claim"]
ORDER = ["treaty", "dataset", "document", "publication", "web", "unverified"]


def facts(root):
    catalogue = {}
    out = []
    for f in sorted(pathlib.Path(root).rglob("*.toml")):
        data = tomllib.loads(f.read_text(encoding="utf-8"))
        for s in data.get("source", []):
            catalogue[s["id"]] = s.get("kind", "?")
        for kind in KINDS:
            for fact in data.get(kind, []):
                out.append((kind, fact))
    return out, catalogue


def start_year(kind, fact):
    for key in ("date", "signed", "in_force", "since", "founded"):
        if key in fact:
            return int(str(fact[key])[:4])
    if kind == "membership" and fact.get("spells"):
        return int(str(fact["spells"][0]["from"])[:4])
    if "window" in fact:
        return int(fact["window"][0])
    return None


def period(y):
    if y is None:
        return "undated"
    return "before 2000" if y < 2000 else "2000-2013" if y < 2014 else "2014-2018" if y < 2019 else "2019-2026"


def source_kind(fact, catalogue):
    kinds = set()
    for s in fact.get("sources", []):
        k = catalogue.get(s["ref"], "?") if "ref" in s else s.get("kind", "?")
        kinds.add("unverified" if k == "unverified" else k)
    for k in ORDER:
        if k in kinds:
            return k
    return "?"


def states(kind, fact):
    keys = {"membership": ["state"], "agreement": ["parties"], "presence": ["dominant", "host"], "asset": ["owner_state", "host"],
            "dependence": ["subject", "partner"], "event": ["actors"], "claim": ["about"]}.get(kind, [])
    out = set()
    for k in keys:
        v = fact.get(k)
        out.update(v if isinstance(v, list) else [v] if v else [])
    return out


def main(root):
    fs, catalogue = facts(root)
    print(f"{len(fs)} facts in {root}")
    print("by kind:", dict(collections.Counter(k for k, _ in fs)))
    print("by period of start:", dict(sorted(collections.Counter(period(start_year(k, f)) for k, f in fs).items())))
    by_source = collections.Counter(source_kind(f, catalogue) for _, f in fs)
    print("by strongest source:", {k: f"{n} ({100 * n / len(fs):.1f}%)" for k, n in by_source.most_common()})
    focus = ["ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "TJK", "TKM", "UKR", "UZB", "EST", "LVA", "LTU", "JPN", "USA"]
    per_state = collections.Counter(s for k, f in fs for s in states(k, f))
    print("by state:", {s: per_state[s] for s in focus})


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "kb")
