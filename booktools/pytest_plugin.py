"""pytest plugin, loaded by `-p booktools.pytest_plugin` in pyproject.toml's addopts.

It applies the execution profile before any kernel starts, whatever the command line names
(`python -m pytest`, `pytest notebooks/`, one notebook...), and prints it in the header. When the
session passes and nbval ran every chapter, it records the date and this environment's versions
(`booktools.edition.record_check`): the site's footer, the intro and the PDF show them. It
also marks nbval's cells `slow` and keeps each chapter's cells together on one xdist worker
(`--dist loadgroup`), whatever the command line collects (`pytest notebooks/03_leaky_relu.ipynb`
never loads tests/conftest.py), and tells the site and the PDF that a session checks every chapter.
"""

import datetime
import os

import pytest

from booktools import budgets, chapter_paths, edition, profile

_passed: set[str] = set()


def pytest_configure(config):
    """Every kernel this session starts (nbval's, the execute command's) runs under the profile."""
    profile.apply()


def pytest_report_header(config):
    return profile.summary()


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects and before xdist reads the groups
def pytest_collection_modifyitems(config, items):
    """nbval's cells are slow (each chapter executes); `-m "not slow"` leaves them out. With
    `--dist loadgroup`, a chapter's cells stay on one worker, in order (one kernel runs them), and
    so do the PDF's tests (one build); every other test goes to whichever worker is free.

    The longest work is handed out first (xdist deals groups in collection order): the PDF, then
    the chapters by their time budget, then the browser's page tests, then the rest, so that no
    long group starts last and leaves a worker idle. The sort is stable: a chapter's cells keep
    their order."""
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.xdist_group(name=item.path.stem))
        elif item.path.name == "test_pdf.py":
            item.add_marker(pytest.mark.xdist_group(name="pdf"))
    items.sort(key=lambda item: -_expected_seconds(item))


def _expected_seconds(item) -> float:
    """What a group of tests is expected to take (booktools.budgets), to hand out the longest first."""
    if item.path.name == "test_pdf.py":
        return budgets.PDF_S
    if item.path.suffix == ".ipynb":
        return budgets.chapter_s(item.path.stem)
    if item.get_closest_marker("browser") or item.path.name == "test_reproducible.py":
        return budgets.CHAPTER_S
    return 0.0


def pytest_collection_finish(session):
    """A session that runs nbval on every chapter says so to the site and the PDF it builds
    (`booktools.edition.CHECKING_RUN`): their footer and title page name this run's check."""
    checked = {item.path.name for item in session.items if item.path.suffix == ".ipynb"}
    if {path.name for path in chapter_paths()} <= checked:
        os.environ[edition.CHECKING_RUN] = datetime.date.today().isoformat()


def pytest_runtest_logreport(report):
    # With xdist this runs in the controller too, for every worker's report.
    path, _, rest = report.nodeid.partition("::")
    if report.when == "call" and report.passed and path.endswith(".ipynb") and rest.startswith("Cell "):
        _passed.add(path.rsplit("/", 1)[-1])


def pytest_sessionfinish(session, exitstatus):
    if hasattr(session.config, "workerinput"):  # an xdist worker: the controller records
        return
    chapters = {path.name for path in chapter_paths()}
    if exitstatus == 0 and chapters <= _passed:
        edition.record_check(len(chapters))
