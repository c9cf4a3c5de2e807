#!/usr/bin/env python3
"""Enforces the layering of ARCHITECTURE.md: which crate may depend on which,
and that the model and the measures do no I/O. Exits 1 with a message per
violation."""
import json
import pathlib
import re
import subprocess
import sys

# crate -> internal crates it may depend on (normal and build dependencies).
ALLOWED = {
    "hegemony-core": set(),
    "hegemony-measures": {"hegemony-core"},
    "hegemony-data": {"hegemony-core"},
    "hegemony-kb": {"hegemony-core"},
    "hegemony-evidence": {"hegemony-core", "hegemony-kb"},
    "hegemony-engine": {"hegemony-core", "hegemony-data", "hegemony-measures", "hegemony-kb", "hegemony-evidence"},
    "hegemony-server": {"hegemony-core", "hegemony-engine"},
    "hegemony-cli": {"hegemony-core", "hegemony-engine", "hegemony-server"},
}
# Pure crates: the only third-party crates they may use at run time.
PURE_EXTERNAL = {
    "hegemony-core": {"serde", "thiserror"},
    "hegemony-measures": {"serde"},
}
IO_PATTERN = re.compile(r"\bstd::(fs|net|process)\b|\bFile::(open|create)\b")

root = pathlib.Path(__file__).resolve().parent.parent
meta = json.loads(subprocess.check_output(
    ["cargo", "metadata", "--format-version", "1", "--no-deps", "--offline"], cwd=root))
errors = []
for pkg in meta["packages"]:
    name = pkg["name"]
    if name not in ALLOWED:
        errors.append(f"{name}: unknown crate; add it to .ci/check-layers.py and ARCHITECTURE.md")
        continue
    runtime = [d for d in pkg["dependencies"] if d["kind"] in (None, "build")]
    for dep in runtime:
        dn = dep["name"]
        if dn.startswith("hegemony-") and dn not in ALLOWED[name]:
            errors.append(f"{name} must not depend on {dn} (allowed: {sorted(ALLOWED[name]) or 'none'})")
        if name in PURE_EXTERNAL and not dn.startswith("hegemony-") and dn not in PURE_EXTERNAL[name]:
            errors.append(f"{name} is a pure crate and must not depend on {dn}")
    if name in PURE_EXTERNAL:
        src = pathlib.Path(pkg["manifest_path"]).parent / "src"
        for f in sorted(src.rglob("*.rs")):
            for i, line in enumerate(f.read_text().splitlines(), 1):
                if IO_PATTERN.search(line) and not line.lstrip().startswith("//"):
                    errors.append(f"{f.relative_to(root)}:{i}: I/O in a pure crate: {line.strip()}")
for e in errors:
    print(f"layering: {e}", file=sys.stderr)
if errors:
    sys.exit(1)
print(f"layering: {len(meta['packages'])} crates respect ARCHITECTURE.md")
