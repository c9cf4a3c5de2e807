"""The README's worked example runs, with and without a data folder; the GIL
is released while the engine works."""

import os
import re
import subprocess
import sys
import threading
import time

import pytest

import hegemony

from conftest import REPO

README = REPO / "crates" / "hegemony-py" / "README.md"


def blocks():
    return re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)


@pytest.mark.parametrize("with_data", [True, False])
def test_the_readme_example_runs(data, tmp_path, with_data):
    code = "\n\n".join(blocks())
    assert "hegemony.profile" in code
    env = dict(os.environ)
    if with_data:
        env["HEGEMONY_DATA"] = str(data)
    else:
        env.pop("HEGEMONY_DATA", None)
        env["HOME"] = str(tmp_path)  # no user data folder
        env["XDG_DATA_HOME"] = str(tmp_path)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "composite" in p.stdout and "joint group of forces" in p.stdout
    assert ("918,315" in p.stdout or "918315" in p.stdout) == with_data


def test_other_threads_run_while_the_engine_works(data):
    hegemony.agreement("all", years=(1990, 1990), data_dir=data)  # warm the vote cache
    done = threading.Event()
    counted = [0]

    def count():
        while not done.is_set():
            counted[0] += 1

    t = threading.Thread(target=count)
    t.start()
    time.sleep(0.05)
    before, started = counted[0], time.perf_counter()
    # The compiled call alone: all dyad-years of the vote record.
    frame, _ = hegemony._native.agreement(
        None, None, None, True, "year", None, 1, [], False, "all", "exclude", "quadratic", "auto", False, str(data)
    )
    took, after = time.perf_counter() - started, counted[0]
    done.set()
    t.join()
    assert len(frame) > 800_000
    # Holding the GIL, the call would stop the counting thread for its whole
    # length (at most one switch interval, 5 ms, slips through).
    assert took > 0.2 and after - before > 200_000, (took, after - before)
