import os
import pathlib
import re
import shutil
import subprocess

import nbformat
import pytest
import yaml

from booktools import ROOT, chapter_paths, command, toc_files  # noqa: F401  (chapter_paths, toc_files: for the tests)
from booktools.browser import CHROMIUM_ARGS, chromium_path

# The execution profile is applied by booktools/pytest_plugin.py (pyproject.toml's addopts), so
# that `pytest notebooks/` alone runs its kernels under it too.


def read(path):
    return nbformat.read(path, as_version=4)


@pytest.fixture(scope="session")
def config():
    return yaml.safe_load((ROOT / "_config.yml").read_text())


#: Files an environment or tool folder inside the clone holds; the build must not read them.
DECOYS = {
    ".venv/lib/python3.11/site-packages/decoy_pkg/README.md": "# Decoy from .venv\n\n[broken](nowhere.md)\n",
    ".venv/lib/python3.11/site-packages/decoy_pkg/docs/index.rst": "Decoy rst\n=========\n\n:ref:`nothing`\n",
    ".venv/share/jupyter/decoy.ipynb": '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
    "venv/lib/python3.12/site-packages/other/NOTES.md": "# Decoy from venv\n",
    "venv/decoy.rst": "Decoy\n=====\n",
    "env/decoy.md": "# Decoy from env\n",
    "notebooks/.ipynb_checkpoints/01_single_neuron-checkpoint.ipynb": "not even json",
}


def book_copy(dest: pathlib.Path) -> pathlib.Path:
    """The book's files (tracked, or new and not ignored) copied to `dest`, plus the DECOYS."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    for name, text in DECOYS.items():
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / name).write_text(text)
    return dest


#: Where the test session leaves the site and the PDF it tested: the README's build folder. The
#: workflow deploys them as they are (each artefact is built once, and the tested one published).
TESTED_SITE = ROOT / "_build" / "html"


def shared_folder(tmp_path_factory) -> pathlib.Path:
    """A folder every xdist worker of this session sees (the session's own without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Build a copy of the book, with decoy pages in environment folders, warnings as errors.

    Built once per test session, whatever the number of xdist workers (the first worker builds,
    the others wait for it and read the same folder), and copied to `_build/html` (TESTED_SITE).
    The site tests and the browser tests read it; `test_site.py` checks that no decoy was read.
    """
    from filelock import FileLock

    shared = shared_folder(tmp_path_factory)
    html, log_file = shared / "site" / "_build" / "html", shared / "site-build.log"
    with FileLock(str(shared / "site.lock")):
        if not log_file.exists():
            source = book_copy(shared / "book")
            result = subprocess.run(
                [command("jupyter-book"), "build", "--all", "-W", "-n", "--keep-going",
                 "--path-output", str(shared / "site"), str(source)],
                capture_output=True, text=True, timeout=600,
            )
            log_file.write_text(f"exit {result.returncode}\n" + result.stdout + result.stderr)
            if result.returncode == 0:
                shutil.rmtree(TESTED_SITE, ignore_errors=True)
                shutil.copytree(html, TESTED_SITE)
    log = log_file.read_text()
    assert log.startswith("exit 0\n"), log[-3000:]
    assert not re.search(r"WARNING|warning:", log), log[-3000:]
    return html


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium, one per worker, for every test that opens a page (Playwright's sync API
    allows one instance per process)."""
    chromium = chromium_path()
    if not os.path.exists(chromium):
        pytest.fail(f"Chromium not found at {chromium}: run `apt-get install chromium` (or .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()
