"""Which edition of the book this is, and what its stored outputs were last checked with.

One home for each fact a reader sees about the edition, none typed by hand elsewhere:

- the version: ``pyproject.toml``'s ``[project] version`` (the companion package's too);
  ``CHANGELOG.md`` and ``CITATION.cff`` name it as well, and tests/test_structure.py checks them;
- the Colab install line of every chapter, which installs the companion package of *this* release
  (the tag ``v<version>``), generated from the version and ``_config.yml``'s repository;
- the versions and date of the last check of the stored outputs: the record the pytest plugin writes
  when nbval passes on every chapter (:func:`record_check`), read by the site's footer, the intro
  and the PDF's title page (``booktools/site.py``, ``booktools/pdf/page.py``).
"""

from __future__ import annotations

import datetime
import importlib.metadata
import json
import os
import platform
import re
import tomllib

from booktools import ROOT

#: Written when nbval passes on every chapter; read when the site and the PDF are built.
CHECK_RECORD = ROOT / "_build" / "nbval-passed.json"

#: Set (to the date) by a test session that runs nbval on every chapter, for the site and the PDF
#: it builds and tests (tests/conftest.py): the workflow publishes them only when it passes.
CHECKING_RUN = "BOOK_NBVAL_RUN"

#: The packages whose versions the footer names.
SHOWN = {"torch": "PyTorch", "numpy": "NumPy"}


def version() -> str:
    """The book's version, from pyproject.toml."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def tag() -> str:
    """The git tag of this version's release."""
    return f"v{version()}"


def repository() -> str:
    """The repository's address, from _config.yml."""
    import yaml

    return yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]


def install_line() -> str:
    """The line of each chapter's first cell that installs this release's companion package in Colab."""
    return f'    %pip install --quiet "git+{repository()}@{tag()}"'


def environment() -> dict[str, str]:
    """The versions of this environment that the stored outputs depend on."""
    found = {"Python": platform.python_version()}
    for package, name in SHOWN.items():
        found[name] = importlib.metadata.version(package).split("+")[0]
    found["platform"] = f"{platform.system()} {platform.machine()}"
    return found


def record_check(chapters: int) -> dict:
    """Record that nbval passed on all ``chapters`` chapters today, in this environment."""
    record = {"date": datetime.date.today().isoformat(), "chapters": chapters, **environment()}
    CHECK_RECORD.parent.mkdir(exist_ok=True)
    CHECK_RECORD.write_text(json.dumps(record, indent=1))
    return record


def last_check() -> dict | None:
    """The record of the last passing nbval run in this checkout, if it matches this environment."""
    if not CHECK_RECORD.is_file():
        return None
    record = json.loads(CHECK_RECORD.read_text())
    current = environment()
    return record if all(record.get(k) == v for k, v in current.items()) else None


def _versions(found: dict) -> str:
    return f"Python {found['Python']}, PyTorch {found['PyTorch']} and NumPy {found['NumPy']} ({found['platform']})"


def outputs_sentence() -> str:
    """One sentence on the stored outputs: when and with what nbval last checked them (or that it
    did not before this build)."""
    run_date = os.environ.get(CHECKING_RUN)
    if run_date:
        return (f"The stored outputs, computed in float64 on a CPU, were checked by nbval on {run_date}, "
                f"with {_versions(environment())}, in the test run that built this page, which must pass "
                "for the page to be published.")
    record = last_check()
    if record:
        return (f"The stored outputs, computed in float64 on a CPU, were last checked by nbval on "
                f"{record['date']}, with {_versions(record)}.")
    return (f"The stored outputs are computed in float64 on a CPU; this build used {_versions(environment())}, "
            "and nbval did not check them before it.")


def footer() -> str:
    """The site's footer (HTML)."""
    return f"<p>Version {version()}. {outputs_sentence()}</p>"


def changelog_notes(wanted: str) -> str:
    """The section of CHANGELOG.md for version ``wanted`` (without its heading)."""
    text = (ROOT / "CHANGELOG.md").read_text()
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    for section in sections:
        heading, _, body = section.partition("\n")
        if re.match(rf"\[?{re.escape(wanted)}\]?(\s|$)", heading):
            return body.strip() + "\n"
    raise ValueError(f"CHANGELOG.md has no section for version {wanted}")


def set_install_line(nb) -> bool:
    """Make the chapter's first code cell install this release's companion package; True if it
    changed (the cell's source only: it has no output)."""
    cell = next(c for c in nb.cells if c.cell_type == "code")
    lines = cell.source.split("\n")
    index = next(i for i, line in enumerate(lines) if "%pip install" in line)
    if lines[index] == install_line():
        return False
    lines[index] = install_line()
    cell.source = "\n".join(lines)
    return True
