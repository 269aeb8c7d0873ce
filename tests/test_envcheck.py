"""The Colab check and the drift check compare what a chapter prints elsewhere with what it stores,
and can fail: a copy of a chapter with one stored number changed must be reported."""

import subprocess
import sys
import zipfile

import nbformat
import pytest
from conftest import ROOT

from booktools import envcheck, envs, outputs

CHAPTER = ROOT / "notebooks" / "03_leaky_relu.ipynb"


def test_a_changed_stored_number_is_the_one_differing_cell(tmp_path):
    copy, cell = envcheck.changed_copy(CHAPTER, tmp_path)
    stored = nbformat.read(CHAPTER, as_version=4)
    compared, differing = outputs.differing_cells(nbformat.read(copy, as_version=4), stored)
    assert compared == sum(bool(t) for t in outputs.cell_texts(stored)) > 10
    assert [d[0] for d in differing] == [cell]
    assert differing[0][1] != differing[0][2]


def test_streams_are_coalesced_as_nbval_coalesces_them():
    # A figure shown between two prints: nbval compares one stdout block, then the figure.
    split = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="a\n"),
        nbformat.v4.new_output("display_data", data={"text/plain": "<Figure>"}),
        nbformat.v4.new_output("stream", name="stdout", text="b\n"),
    ])])
    joined = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="a\nb\n"),
        nbformat.v4.new_output("display_data", data={"text/plain": "<Figure>"}),
    ])])
    assert outputs.cell_texts(split) == outputs.cell_texts(joined) == ["stdout: a\nb\n\ntext/plain: <Figure>"]


def test_a_printed_warning_is_found():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(""), nbformat.v4.new_code_cell("", outputs=[
        nbformat.v4.new_output("stream", name="stderr",
                               text="/x/torch/nn/functional.py:12: FutureWarning: `foo` is deprecated\n  foo()\n"),
    ])])
    assert outputs.warnings_printed(nb) == [(1, "FutureWarning: `foo` is deprecated")]


def test_a_missing_python_is_named_with_how_to_get_it():
    with pytest.raises(envs.SetupError, match=r"Python 3\.99 is needed .*pyenv install 3\.99"):
        envs.find_python("3.99")


@pytest.mark.slow
def test_the_check_reports_a_changed_number_end_to_end(tmp_path):
    # The check's own path (runner, kernel, comparison), here in this environment: only the changed
    # cell differs, so the chapter fails; the Colab check repeats this in Colab's environment.
    (tmp_path / "copy").mkdir(), (tmp_path / "out").mkdir()
    copy, cell = envcheck.changed_copy(CHAPTER, tmp_path / "copy")
    result = envcheck.check_chapter(sys.executable, copy, threads=2, warnings=True, ipywidgets_major=8,
                                    work=tmp_path / "out")
    assert result.error is None and result.warnings == [] and result.problems == []
    assert [d[0] for d in result.differing] == [cell]
    assert not result.ok
    assert f"| {CHAPTER.name} | {result.compared} | 1 | 0 | - |" in envcheck.report([result], "t")


@pytest.mark.slow
def test_the_wheel_holds_what_colab_needs(tmp_path):
    # Built as `pip install git+...` builds it: the tracked files only.
    wheel = envs.build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    answers = {p.relative_to(ROOT).as_posix() for p in (ROOT / "book" / "answers").glob("*.json")}
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "book").glob("*.py")}
    assert answers and answers <= names, "every answer key is in the wheel (book.check reads them)"
    assert modules <= names


@pytest.mark.slow
def test_warnings_are_recorded_per_cell_unless_caught(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import warnings"),
        nbformat.v4.new_code_cell('warnings.warn("old", DeprecationWarning)\nprint(1)'),
        nbformat.v4.new_code_cell('with warnings.catch_warnings():\n    warnings.simplefilter("ignore")\n'
                                  '    warnings.warn("caught on purpose", FutureWarning)'),
        nbformat.v4.new_code_cell('warnings.warn("soon", FutureWarning)'),
    ])
    nbformat.write(nb, tmp_path / "w.ipynb")
    subprocess.run([sys.executable, "-P", str(envcheck.RUNNER), str(tmp_path / "w.ipynb"), str(tmp_path / "out.ipynb"),
                    "--warnings"], check=True, cwd=tmp_path)
    executed = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert [(cell, category, message) for cell, category, message, _ in executed.metadata["book_warnings"]] == [
        (1, "DeprecationWarning", "old"), (3, "FutureWarning", "soon")]
    assert len(executed.cells) == 4 and executed.cells[1].outputs[0]["text"] == "1\n"  # outputs as a reader sees


def test_a_warning_fails_the_chapter_only_when_raised_at_its_own_code():
    chapter = CHAPTER
    assert envcheck.from_the_chapter("/tmp/ipykernel_123/456.py:3", chapter)
    assert envcheck.from_the_chapter(str(ROOT / "book" / "explorer.py") + ":10", chapter)
    assert not envcheck.from_the_chapter("/x/site-packages/matplotlib/cbook.py:713", chapter)


def test_a_failed_warning_recording_run_fails_the_chapter(tmp_path, monkeypatch):
    # The first run "prints" the stored outputs; the second, which records warnings, dies: the
    # chapter must fail, not pass with its warnings unchecked.
    def run(python, chapter, target, threads, warnings):
        if warnings:
            return subprocess.CompletedProcess([], 1, "", "Traceback (most recent call last):\nMemoryError")
        target.write_bytes(chapter.read_bytes())
        return subprocess.CompletedProcess([], 0, "", "")

    monkeypatch.setattr(envcheck, "_run", run)
    result = envcheck.check_chapter(sys.executable, CHAPTER, threads=1, warnings=True, ipywidgets_major=8,
                                    work=tmp_path)
    assert result.differing == [] and result.error == "the run recording warnings failed: MemoryError"
    assert not result.ok
