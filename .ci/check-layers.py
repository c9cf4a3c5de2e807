#!/usr/bin/env python3
"""Enforces the layering of ARCHITECTURE.md: which crate may depend on which,
which third-party crates the small layers may use, that the model and the
measures do no I/O, that test support is a dev-dependency only, and that no
profile aborts on panic. Exits 1 with a
message per violation."""
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
    "hegemony-render": {"hegemony-core", "hegemony-engine"},
    "hegemony-server": {"hegemony-core", "hegemony-engine", "hegemony-render"},
    "hegemony-cli": {"hegemony-core", "hegemony-engine", "hegemony-render", "hegemony-server"},
    # The Python package (an interface, like the CLI): the engine's tables as Arrow.
    "hegemony-py": {"hegemony-core", "hegemony-engine"},
    # Test support (where ../shared is): used by tests only, see DEV_ONLY.
    "hegemony-test-support": set(),
}
# Crates that other crates may use only as dev-dependencies, and that are never published.
DEV_ONLY = {"hegemony-test-support"}
# Pure crates: the only third-party crates they may use at run time.
PURE_EXTERNAL = {
    "hegemony-core": {"serde", "thiserror"},
    "hegemony-measures": {"serde"},
}
# Crates of other layers: the third-party crates they may use at run time,
# where the layer is meant to stay small. hegemony-evidence reads documents
# with a PDF text extractor, and DOCX with a ZIP reader and an XML parser;
# chrono does the calendar arithmetic of dates relative to a document's day
# ("yesterday", "on Monday"; default features off: no clock, no time zones);
# rustc-hash hashes the gazetteer's trie and the word lists looked up per
# token (the standard SipHash was a tenth of extraction's time).
OTHER_EXTERNAL = {
    "hegemony-test-support": set(),
    "hegemony-evidence": {"serde", "serde_json", "thiserror", "sha2", "rusqlite", "toml", "pdf-extract", "zip", "quick-xml", "chrono", "rustc-hash"},
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
    if name in DEV_ONLY and pkg.get("publish") != []:
        errors.append(f"{name} is test support: set publish = false")
    runtime = [d for d in pkg["dependencies"] if d["kind"] in (None, "build")]
    for dep in runtime:
        dn = dep["name"]
        if dn in DEV_ONLY:
            errors.append(f"{name} must use {dn} only as a dev-dependency (it is test support)")
            continue
        if dn.startswith("hegemony-") and dn not in ALLOWED[name]:
            errors.append(f"{name} must not depend on {dn} (allowed: {sorted(ALLOWED[name]) or 'none'})")
        if name in PURE_EXTERNAL and not dn.startswith("hegemony-") and dn not in PURE_EXTERNAL[name]:
            errors.append(f"{name} is a pure crate and must not depend on {dn}")
        if name in OTHER_EXTERNAL and not dn.startswith("hegemony-") and dn not in OTHER_EXTERNAL[name]:
            errors.append(f"{name} must not depend on {dn} (allowed third-party crates: {sorted(OTHER_EXTERNAL[name])})")
    if name in PURE_EXTERNAL:
        src = pathlib.Path(pkg["manifest_path"]).parent / "src"
        for f in sorted(src.rglob("*.rs")):
            for i, line in enumerate(f.read_text().splitlines(), 1):
                if IO_PATTERN.search(line) and not line.lstrip().startswith("//"):
                    errors.append(f"{f.relative_to(root)}:{i}: I/O in a pure crate: {line.strip()}")
# The evidence crate catches the PDF reader's panics (catch_unwind): a profile
# with panic = "abort" would turn a malformed PDF into a crash.
manifests = [root / "Cargo.toml"] + sorted((root / "crates").glob("*/Cargo.toml"))
for m in manifests:
    for i, line in enumerate(m.read_text().splitlines(), 1):
        if re.match(r'\s*panic\s*=\s*["\']abort["\']', line):
            errors.append(f"{m.relative_to(root)}:{i}: panic = \"abort\": the evidence crate needs unwinding to survive a PDF reader's panic")
for e in errors:
    print(f"layering: {e}", file=sys.stderr)
if errors:
    sys.exit(1)
print(f"layering: {len(meta['packages'])} crates respect ARCHITECTURE.md")
