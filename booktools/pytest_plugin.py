"""pytest plugin, loaded by `-p booktools.pytest_plugin` in pyproject.toml's addopts.

It applies the execution profile before any kernel starts, whatever the command line names
(`python -m pytest`, `pytest notebooks/`, one notebook...), and prints it in the header. When the
session passes and nbval ran every chapter, it records the date and this environment's versions
(`booktools.edition.record_check`): the site's footer, the intro and the PDF show them.
"""

from booktools import chapter_paths, edition, profile

_passed: set[str] = set()


def pytest_configure(config):
    """Every kernel this session starts (nbval's, the execute command's) runs under the profile."""
    profile.apply()


def pytest_report_header(config):
    return profile.summary()


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
