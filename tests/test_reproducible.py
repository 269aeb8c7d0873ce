"""Two fresh executions of a chapter give the same file, byte for byte, even with another thread count.

Whether the *stored* outputs are found again is nbval's job. This test checks what nbval stands
on: a chapter executed twice by the project's execute command (`booktools.execution.run`), once
with the profile's one thread and once with two, gives the same notebook: every text output,
every PNG, the explorers' widget state, and (since models are named by content) every widget id.
"""

import difflib

import nbformat
import pytest

from booktools import chapter_paths
from booktools.execution import run


def first_difference(a: str, b: str, context: int = 3) -> str:
    diff = difflib.unified_diff(a.splitlines(), b.splitlines(), "1 thread", "2 threads", n=context, lineterm="")
    return "\n".join(line[:200] for line in list(diff)[:40])


def check_same_file(path):
    one = nbformat.writes(run(path, threads=1))
    two = nbformat.writes(run(path, threads=2))
    assert one == two, f"{path.name} differs between two executions:\n{first_difference(one, two)}"


# One class per chapter: `--dist loadscope` then spreads the chapters over the workers.
for _path in chapter_paths():
    _name = "TestReproducible_" + _path.stem
    globals()[_name] = pytest.mark.slow(type(_name, (), {
        "test_same_file_when_executed_twice_with_1_and_2_threads": lambda self, _p=_path: check_same_file(_p),
    }))
