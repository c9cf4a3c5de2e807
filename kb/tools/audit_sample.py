#!/usr/bin/env python3
"""Draws the sample of facts for the knowledge base's self-audit (issue 14).

Reads every fact in kb/**/*.toml except the generated dataset extracts
(kb/rus/arms_sipri.toml, kb/usa/arms_sipri.toml, kb/alliances/atop.toml, which
their own scripts check against the datasets) and draws N fact ids with
random.Random(SEED), stratified by kind: each kind gets a share of the sample
in proportion to its number of facts (largest remainders, at least one fact
for every kind present), then its facts are drawn without replacement.

Prints, for each drawn fact: id, kind, file, title and sources.

Usage: python3 kb/tools/audit_sample.py [--kb-dir kb] [--seed 20261207] [--n 40] [--ids]
  --ids   print only the drawn ids, one per line
The result depends only on the seed, N and the set of fact ids per kind (facts
are sorted by id before drawing), not on file order.
"""
import argparse
import glob
import os
import random
import sys
import tomllib

SEED = 20261207
N = 40
GENERATED = {"rus/arms_sipri.toml", "usa/arms_sipri.toml", "alliances/atop.toml"}
KINDS = ["organisation", "membership", "agreement", "presence", "asset", "dependence", "event", "claim"]


def load(kb_dir):
    facts = []
    for path in sorted(glob.glob(os.path.join(kb_dir, "**", "*.toml"), recursive=True)):
        rel = os.path.relpath(path, kb_dir).replace(os.sep, "/")
        if rel in GENERATED:
            continue
        with open(path, "rb") as f:
            data = tomllib.load(f)
        for kind in KINDS:
            for fact in data.get(kind, []):
                facts.append((kind, rel, fact))
    return facts


def allocate(counts, n):
    """Proportional allocation with largest remainders, at least 1 per kind."""
    total = sum(counts.values())
    quota = {k: n * c / total for k, c in counts.items()}
    alloc = {k: max(1, int(q)) for k, q in quota.items()}
    # hand out what is left by largest remainder (ties broken by kind name)
    order = sorted(counts, key=lambda k: (-(quota[k] - int(quota[k])), k))
    i = 0
    while sum(alloc.values()) < n:
        k = order[i % len(order)]
        if alloc[k] < counts[k]:
            alloc[k] += 1
        i += 1
    while sum(alloc.values()) > n:  # only if the minimum of 1 overshot
        k = max((k for k in alloc if alloc[k] > 1), key=lambda k: alloc[k] - quota[k])
        alloc[k] -= 1
    return alloc


def draw(facts, seed, n):
    by_kind = {}
    for kind, rel, fact in facts:
        by_kind.setdefault(kind, []).append((fact["id"], rel, fact))
    counts = {k: len(v) for k, v in by_kind.items()}
    alloc = allocate(counts, n)
    rng = random.Random(seed)
    drawn = []
    for kind in KINDS:  # fixed order, so the stream of random numbers is reproducible
        if kind not in by_kind:
            continue
        pool = sorted(by_kind[kind], key=lambda t: t[0])
        for fid, rel, fact in rng.sample(pool, alloc[kind]):
            drawn.append((kind, fid, rel, fact))
    return counts, alloc, drawn


def fmt_source(s):
    keys = ["ref", "kind", "title", "publisher", "date", "url", "file", "rows", "page", "quote", "note"]
    parts = [f"{k}={s[k]!r}" for k in keys if k in s]
    parts += [f"{k}={v!r}" for k, v in s.items() if k not in keys]
    return "{ " + ", ".join(parts) + " }"


def all_sources(fact):
    """The fact's own sources and those nested in consent spells, troop ranges and membership spells."""
    out = [("", s) for s in fact.get("sources", [])]
    for field in ("spells", "consent", "troops"):
        for j, item in enumerate(fact.get(field, []) or []):
            if isinstance(item, dict):
                out += [(f"{field}[{j}] ", s) for s in item.get("sources", [])]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kb-dir", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--n", type=int, default=N)
    ap.add_argument("--ids", action="store_true")
    args = ap.parse_args()

    facts = load(args.kb_dir)
    counts, alloc, drawn = draw(facts, args.seed, args.n)
    if args.ids:
        for _, fid, _, _ in drawn:
            print(fid)
        return
    print(f"# seed {args.seed}, {len(drawn)} of {len(facts)} facts (generated extracts left out)")
    print("# kind: facts -> drawn   " + ", ".join(f"{k}: {counts[k]} -> {alloc[k]}" for k in KINDS if k in counts))
    for i, (kind, fid, rel, fact) in enumerate(drawn, 1):
        title = fact.get("title") or fact.get("name") or ""
        print(f"\n{i:2d}. {fid}  [{kind}]  kb/{rel}")
        if title:
            print(f"    title: {title}")
        for where, s in all_sources(fact):
            print(f"    source {where}{fmt_source(s)}")


if __name__ == "__main__":
    sys.exit(main())
