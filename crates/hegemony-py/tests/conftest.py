"""Fixtures of the Python package's tests: the CLI to compare with, and the
shared data and documents.

The CLI binary is $HEGEMONY_BIN, else target/debug/hegemony under
$CARGO_TARGET_DIR (or the workspace's target/). The data is
$HEGEMONY_SHARED_DATA, else ../shared/data beside the repository (as the
Rust real-data tests find it). Missing either is an error, not a skip.
"""

import csv
import io
import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]


def _binary() -> pathlib.Path:
    if os.environ.get("HEGEMONY_BIN"):
        return pathlib.Path(os.environ["HEGEMONY_BIN"])
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return target / "debug" / "hegemony"


def _shared_data() -> pathlib.Path:
    env = os.environ.get("HEGEMONY_SHARED_DATA")
    return pathlib.Path(env) if env else REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def data() -> pathlib.Path:
    d = _shared_data()
    if not (d / "unvotes_un_votes.csv.gz").is_file():
        raise RuntimeError(f"the shared data is not at {d}: set HEGEMONY_SHARED_DATA")
    return d


@pytest.fixture(scope="session")
def documents(data) -> pathlib.Path:
    d = data.parent / "documents"
    if not d.is_dir():
        raise RuntimeError(f"the shared documents are not at {d}")
    return d


class Cli:
    """Runs the `hegemony` binary; data on stdout, messages on stderr."""

    def __init__(self, binary: pathlib.Path):
        if not binary.is_file():
            raise RuntimeError(f"no hegemony binary at {binary}: run `cargo build -p hegemony-cli` or set HEGEMONY_BIN")
        self.binary = binary

    def run(self, *args, check=True, env=None) -> subprocess.CompletedProcess:
        p = subprocess.run([str(self.binary), "--quiet", *map(str, args)], capture_output=True, text=True, env=env)
        if check and p.returncode != 0:
            raise AssertionError(f"hegemony {' '.join(map(str, args))} failed ({p.returncode}): {p.stderr}")
        return p

    def json(self, *args):
        return json.loads(self.run(*args, "--format", "json").stdout)

    def csv(self, *args):
        """Rows as dicts of strings (empty = missing)."""
        return list(csv.DictReader(io.StringIO(self.run(*args, "--format", "csv").stdout)))

    def error(self, *args) -> str:
        """The message of a failing command, without the CLI's `error: ` prefix."""
        p = self.run(*args, check=False)
        assert p.returncode == 1, f"expected failure, got {p.returncode}: {p.stdout[:200]}"
        return p.stderr.strip().removeprefix("error: ")


@pytest.fixture(scope="session")
def cli() -> Cli:
    return Cli(_binary())


def same(a, b, rel=1e-12) -> bool:
    """Two cells equal: numbers within `rel` (CSV prints the shortest
    round-trip form, so equal doubles print equal), text exactly, missing
    as missing."""
    if a is None or a == "":
        return b is None or b == ""
    if b is None or b == "":
        return False
    if isinstance(a, float) or isinstance(b, float):
        fa, fb = float(a), float(b)
        return abs(fa - fb) <= rel * max(1.0, abs(fa), abs(fb))
    return str(a) == str(b)
