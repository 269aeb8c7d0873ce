"""Run every chapter in another environment and compare what it prints with the stored outputs.

The Colab check (``scripts/colab_check.py``: Colab's Python and versions) and the drift check
(``scripts/drift_check.py``: the newest releases, or Colab's) share this. Each chapter runs top to
bottom as Colab's *Run all* runs it (``booktools/run_elsewhere.py``: no tags, no error allowed),
with the companion package installed from a wheel, in a kernel with Colab's two threads. Then every
code cell's text (streams, ``text/plain``, HTML, errors; ``booktools.outputs``) is compared with the
stored one: a cell whose text differs is one a reader of that environment sees printed differently.
"""

from __future__ import annotations

import dataclasses
import os
import pathlib
import subprocess
import tempfile
import time

import nbformat

from booktools import ROOT, chapter_paths, profile
from booktools.envs import env_python
from booktools.outputs import differing_cells, sanitizer, warnings_printed
from booktools.widgets import WIDGET_STATE

RUNNER = pathlib.Path(__file__).with_name("run_elsewhere.py")


@dataclasses.dataclass
class Result:
    chapter: str
    seconds: float
    compared: int = 0
    differing: list = dataclasses.field(default_factory=list)  # (cell, stored, printed)
    error: str | None = None
    warnings: list = dataclasses.field(default_factory=list)  # (cell, "Category: message")
    problems: list = dataclasses.field(default_factory=list)  # other findings (widgets)
    notes: list = dataclasses.field(default_factory=list)  # (cell, text): warnings inside libraries

    @property
    def ok(self) -> bool:
        return not (self.differing or self.error or self.warnings or self.problems)


def kernel_environment(threads: int) -> dict[str, str]:
    """The kernel's environment: this one, without the book's profile, with ``threads`` threads."""
    env = {k: v for k, v in os.environ.items() if k not in profile.ENV and k != "VIRTUAL_ENV"}
    env.update({k: str(threads) for k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")})
    return env


def explorer_problems(nb, ipywidgets_major: int) -> list[str]:
    """On ipywidgets 7 the explorers must use their fallback: no ``Stack``, controls protocol 1.5.0."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    models = {m["model_name"] for m in state.values()}
    problems = []
    if "SelectionSliderModel" not in models:
        problems.append("no explorer slider in the widget state")
    if ipywidgets_major == 7:
        if "StackModel" in models:
            problems.append("the explorer used Stack (ipywidgets 8 only)")
        controls = {m["model_module_version"] for m in state.values()
                    if m["model_module"] == "@jupyter-widgets/controls"}
        if controls != {"1.5.0"}:
            problems.append(f"controls protocol {sorted(controls)}, expected ['1.5.0'] (ipywidgets 7)")
    return problems


def _run(python, chapter: pathlib.Path, target: pathlib.Path, threads: int, warnings: bool):
    command = [str(python), "-P", str(RUNNER), str(chapter), str(target)] + (["--warnings"] if warnings else [])
    return subprocess.run(command, capture_output=True, text=True, env=kernel_environment(threads), cwd=chapter.parent)


def from_the_chapter(where: str, chapter: pathlib.Path) -> bool:
    """Whether a warning was raised at a line of the chapter's own code (a kernel cell) or of the
    companion package, rather than inside a library (matplotlib calling a deprecated pyparsing)."""
    return "ipykernel_" in where or f"{os.sep}book{os.sep}" in where


def check_chapter(python: pathlib.Path | str, chapter: pathlib.Path, *, threads: int, warnings: bool,
                  ipywidgets_major: int, work: pathlib.Path, rules=None) -> Result:
    """Run one chapter with ``python`` and compare it with its stored outputs.

    With ``warnings``, the chapter runs a second time with every warning recorded (recording
    changes what some libraries print, so the outputs are compared on the first run). A warning
    raised at the chapter's own code or the companion package fails the chapter; one raised
    inside a library is listed in ``notes`` (it is the library's to fix, and no reader sees it)."""
    chapter = pathlib.Path(chapter).resolve()
    executed_path = work / chapter.name
    start = time.perf_counter()
    run = _run(python, chapter, executed_path, threads, warnings=False)
    result = Result(chapter.name, time.perf_counter() - start)
    if not executed_path.is_file():
        result.error = (run.stderr.strip().splitlines() or ["the runner wrote nothing"])[-1]
        return result
    if run.returncode != 0:
        result.error = (run.stderr.strip().splitlines() or [f"exit {run.returncode}"])[-1]
    stored = nbformat.read(chapter, as_version=4)
    executed = nbformat.read(executed_path, as_version=4)
    result.compared, result.differing = differing_cells(stored, executed, rules)
    if result.error:  # cells after the error did not run: they are not differences
        ran = max((i for i, c in enumerate(c for c in executed.cells if c.cell_type == "code")
                   if c.get("outputs")), default=-1)
        result.differing = [d for d in result.differing if d[0] <= ran]
    result.warnings = warnings_printed(executed)  # a warning a reader sees printed
    if warnings and not result.error:
        recorded_path = work / f"warnings-{chapter.name}"
        recording = _run(python, chapter, recorded_path, threads, warnings=True)
        if recording.returncode != 0 or not recorded_path.is_file():  # unchecked is not clean
            last = (recording.stderr.strip().splitlines() or [f"exit {recording.returncode}"])[-1]
            result.error = f"the run recording warnings failed: {last}"
        else:
            for cell, category, message, where in nbformat.read(recorded_path, as_version=4).metadata.get(
                    "book_warnings", []):
                text = f"{category}: {message} ({where})"
                (result.warnings if from_the_chapter(where, chapter) else result.notes).append((cell, text))
        result.seconds = time.perf_counter() - start
    if not result.error:
        has_explorer = any("LossExplorer(" in "".join(c.source) for c in stored.cells if c.cell_type == "code")
        result.problems = explorer_problems(executed, ipywidgets_major) if has_explorer else []
    return result


def check_chapters(env: pathlib.Path, chapters=None, *, threads: int, warnings: bool, ipywidgets_major: int,
                   log=print) -> list[Result]:
    """Run every chapter (or ``chapters``) in the environment ``env``, one at a time, with progress."""
    chapters = list(chapters or chapter_paths())
    rules = sanitizer()
    results, start = [], time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for n, chapter in enumerate(chapters, 1):
            result = check_chapter(env_python(env), chapter, threads=threads, warnings=warnings,
                                   ipywidgets_major=ipywidgets_major, work=pathlib.Path(tmp), rules=rules)
            results.append(result)
            verdict = "ok  " if result.ok else "FAIL"
            log(f"  [{n}/{len(chapters)}] {verdict} {chapter.name:28s} {result.seconds:5.1f} s, "
                f"{len(result.differing)} of {result.compared} text cells differ"
                f"{', ' + str(len(result.warnings)) + ' warnings' if result.warnings else ''}"
                f"{', error: ' + result.error if result.error else ''}"
                f"{', ' + '; '.join(result.problems) if result.problems else ''}"
                f"   ({time.perf_counter() - start:.0f} s so far)", flush=True)
    return results


def report(results: list[Result], title: str) -> str:
    """A Markdown table of the results, then every differing cell and warning."""
    lines = [f"### {title}", "", "| chapter | text cells compared | cells differing | warnings | error | seconds |"
             " warnings inside libraries (not failures) |",
             "|---|---:|---:|---:|---|---:|---:|"]
    for r in results:
        lines.append(f"| {r.chapter} | {r.compared} | {len(r.differing)} | {len(r.warnings)} "
                     f"| {r.error or '-'} | {r.seconds:.1f} | {len(r.notes)} |")
    lines.append(f"| **total** | {sum(r.compared for r in results)} | {sum(len(r.differing) for r in results)} "
                 f"| {sum(len(r.warnings) for r in results)} | {sum(bool(r.error) for r in results)} "
                 f"| {sum(r.seconds for r in results):.0f} | {sum(len(r.notes) for r in results)} |")
    for r in results:
        for cell, stored, printed in r.differing:
            lines += ["", f"{r.chapter}, code cell {cell} (counted from 0, as nbval counts):",
                      "```", "stored:  " + stored[:600].replace("\n", "\n         "),
                      "printed: " + printed[:600].replace("\n", "\n         "), "```"]
        seen = {}
        for cell, text in r.warnings:
            seen[(cell, text)] = seen.get((cell, text), 0) + 1
        for (cell, text), times in seen.items():
            lines += ["", f"{r.chapter}, code cell {cell}{f' ({times} times)' if times > 1 else ''}: {text[:400]}"]
        for problem in r.problems:
            lines += ["", f"{r.chapter}: {problem}"]
    notes = {}
    for r in results:
        for _, text in r.notes:
            notes[text] = notes.get(text, 0) + 1
    if notes:
        lines += ["", "Warnings raised inside the libraries (not failures: the libraries' to fix; no reader sees "
                  "them with Python's default filters):"]
        lines += [f"- ({times} times) {text[:300]}" for text, times in sorted(notes.items(), key=lambda kv: -kv[1])]
    return "\n".join(lines) + "\n"


def conclude(results: list[Result], title: str, path: pathlib.Path, verdict: str) -> int:
    """Write the report to ``path``, print it and a last line ("13/13 chapters <verdict>"), and
    return the exit code: 1 when a chapter failed."""
    text = report(results, title)
    path.write_text(text)
    print("\n" + text)
    bad = [r.chapter for r in results if not r.ok]
    print(f"{len(results) - len(bad)}/{len(results)} chapters {verdict}"
          f"{': FAILED ' + ', '.join(bad) if bad else ''}; report in {relative(path)}")
    return 1 if bad else 0


def relative(path: pathlib.Path) -> str:
    path = pathlib.Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def changed_copy(chapter: pathlib.Path, folder: pathlib.Path) -> tuple[pathlib.Path, int]:
    """A copy of ``chapter`` in ``folder`` with one digit of one stored number changed, and the
    number of that code cell: a check that compares outputs must report that cell."""
    import re

    nb = nbformat.read(chapter, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for index, cell in enumerate(code):
        for out in cell.outputs:
            if out.output_type == "stream" and out.name == "stdout" and re.search(r"\d", out.text):
                out.text = re.sub(r"\d", lambda m: str((int(m[0]) + 1) % 10), out.text, count=1)
                target = folder / chapter.name
                nbformat.write(nb, target)
                return target, index
    raise ValueError(f"{chapter.name} prints no number on stdout")
