"""The nbval gate can fail: a chapter with one stored number changed must not pass."""

import re
import subprocess
import sys

import nbformat
import pytest
from conftest import ROOT, chapter_paths

NUMBER = re.compile(r"\d+\.\d+")


def change_one_stored_number(nb):
    """Change the last digit of the first decimal number printed by a training loop."""
    for cell in nb.cells:
        if cell.cell_type != "code" or "for epoch in range" not in cell.source:
            continue
        for output in cell.outputs:
            if output.output_type == "stream" and NUMBER.search(output.text):
                match = NUMBER.search(output.text)
                old = match.group()
                new = old[:-1] + str((int(old[-1]) + 1) % 10)
                output.text = output.text[: match.start()] + new + output.text[match.end():]
                return old, new
    raise AssertionError("no printed training loss found to change")


def run_nbval(notebook, workdir):
    (workdir / "pytest.ini").write_text("[pytest]\n")  # keep the repository's addopts out
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-c", "pytest.ini", "--rootdir", str(workdir),
         "--nbval", "--nbval-current-env",
         "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"),
         "-p", "no:cacheprovider", "-p", "no:xdist", "-q", str(notebook)],
        cwd=workdir, capture_output=True, text=True, timeout=300,
    )


@pytest.mark.slow
def test_changed_number_fails_nbval(tmp_path):
    original = next(p for p in chapter_paths() if p.stem.startswith("01"))  # chapter 1: its training loop prints
    nb = nbformat.read(original, as_version=4)
    old, new = change_one_stored_number(nb)
    assert old != new
    copy = tmp_path / original.name
    nbformat.write(nb, copy)

    result = run_nbval(copy, tmp_path)

    assert result.returncode != 0, result.stdout[-2000:]
    assert "Cell outputs differ" in result.stdout
    assert new in result.stdout and old in result.stdout
    assert re.search(r"\b1 failed\b", result.stdout), result.stdout[-2000:]
