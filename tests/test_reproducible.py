"""Two fresh executions of a chapter give the same file, byte for byte, even with another thread count.

Whether the *stored* outputs are found again is nbval's job. This test checks what nbval stands
on: a chapter executed twice by the project's execute command (`booktools.execution.run`), once
with the profile's one thread and once with two, gives the same notebook: every text output,
every PNG, the explorers' widget state, and (since models are named by content) every widget id.

One chapter (an explorer with two sliders) stands for all here (each execution costs its full run time):
`scripts/dispatch_check.py`, which `.ci/run` and the workflow run after the tests, executes
every chapter at each dispatch level and with two threads and compares every cell's output.
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


#: The chapter executed twice: chapter 4, whose explorer has two sliders (nested Stacks, jslinks).
CHAPTER = next(p for p in chapter_paths() if p.stem.startswith("04"))


@pytest.mark.slow
def test_a_chapter_gives_the_same_file_when_executed_twice_with_1_and_2_threads():
    check_same_file(CHAPTER)
