import re
import shutil
import subprocess

import nbformat
import pytest
import yaml

from booktools import ROOT, chapter_paths, profile  # noqa: F401  (chapter_paths: for the tests)


def pytest_configure(config):
    """Every kernel this session starts (nbval's, the execute command's) runs under the profile."""
    profile.apply()


def pytest_report_header(config):
    return profile.summary()


def toc_files():
    """Every file listed in `_toc.yml`, in order (without extension)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            files.append(chapter["file"])
    return files




def read(path):
    return nbformat.read(path, as_version=4)


@pytest.fixture(scope="session")
def config():
    return yaml.safe_load((ROOT / "_config.yml").read_text())


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Build the book once, warnings as errors, into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [shutil.which("jupyter-book") or "jupyter-book", "build", "--all", "-W", "-n", "--keep-going",
         "--path-output", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
    assert not re.search(r"WARNING|warning:", log), log[-3000:]
    return out / "_build" / "html"
