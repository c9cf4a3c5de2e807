#!/usr/bin/env python3
"""Keeps source files and functions readable (ARCHITECTURE.md, "Size"):
no Rust source file over 800 lines and no function over 150 lines, outside
tests (`tests/` folders, `#[cfg(test)]` modules) and data. A function is
measured from its `fn` line to its closing brace, found by counting braces
outside strings, chars and comments. Exits 1 with one line per violation."""
import pathlib
import re
import sys

MAX_FILE, MAX_FN = 800, 150
root = pathlib.Path(__file__).resolve().parent.parent
FN = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)")


def code_only(text):
    """The text with strings, chars and comments blanked (newlines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c == "r" and re.match(r'r#*"', text[i:i + 10]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            hashes = re.match(r'r(#*)"', text[i:]).group(1)
            end = '"' + hashes
            j = text.find(end, i + 2 + len(hashes))
            j = n if j < 0 else j + len(end)
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c == "'" and re.match(r"'(\\.|[^\\'])'|'\\u\{[0-9a-fA-F]+\}'|'\\x[0-9a-fA-F]{2}'", text[i:i + 12]):
            m = re.match(r"'(\\.|[^\\'])'|'\\u\{[0-9a-fA-F]+\}'|'\\x[0-9a-fA-F]{2}'", text[i:i + 12])
            out.append(" " * len(m.group(0))); i += len(m.group(0))
        else:
            out.append(c); i += 1
    return "".join(out)


def test_module_start(lines):
    """The index of the line of a trailing `#[cfg(test)]` module, if any."""
    for i, l in enumerate(lines):
        if l.strip() == "#[cfg(test)]" and i + 1 < len(lines) and re.match(r"\s*mod\s+\w+", lines[i + 1]):
            return i
    return len(lines)


errors = []
for f in sorted((root / "crates").glob("*/src/**/*.rs")):
    rel = f.relative_to(root)
    lines = f.read_text().split("\n")
    end = test_module_start(lines)
    if end > MAX_FILE:
        errors.append(f"{rel}: {end} lines outside tests (at most {MAX_FILE})")
    code = code_only("\n".join(lines[:end])).split("\n")
    for i, l in enumerate(code):
        m = FN.match(l)
        if not m:
            continue
        depth, opened, j = 0, False, i
        while j < len(code):
            for ch in code[j]:
                if ch == "{":
                    depth += 1; opened = True
                elif ch == "}":
                    depth -= 1
                elif ch == ";" and not opened and depth == 0:
                    break  # a declaration without a body (trait item)
            else:
                if opened and depth == 0:
                    break
                j += 1
                continue
            break
        length = j - i + 1
        if opened and length > MAX_FN:
            errors.append(f"{rel}:{i + 1}: fn {m.group(6)} is {length} lines (at most {MAX_FN})")
for e in errors:
    print(f"size: {e}", file=sys.stderr)
if errors:
    sys.exit(1)
print(f"size: every source file ≤ {MAX_FILE} lines and every function ≤ {MAX_FN} lines outside tests")
