"""The environment is the lock: requirements.txt pins every package the install brings, at the
version installed, and is generated from requirements.in (`python scripts/lock.py`)."""

import importlib.metadata

import pytest
from conftest import ROOT
from packaging.utils import canonicalize_name
from packaging.version import Version

from booktools.lock import DIRECT, pins
from booktools.lock import LOCK as LOCK_FILE


def installed():
    found = {}
    for dist in importlib.metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found[canonicalize_name(name)] = dist.version
    return found


LOCK = pins()


def test_every_installed_package_is_in_the_lock_at_its_version():
    here = installed()
    here.pop("book")  # the companion package itself: `-e .` in the lock
    missing = sorted(name for name in here if name not in LOCK)
    other = sorted(f"{name} {here[name]} (lock: {LOCK[name]})" for name in here
                   if name in LOCK and Version(here[name]).public != Version(LOCK[name]).public)
    assert not missing, f"installed but not in the lock (python scripts/lock.py): {missing}"
    assert not other, f"installed at another version than the lock's: {other}"


def test_every_package_of_the_lock_is_installed():
    here = installed()
    assert not sorted(set(LOCK) - set(here)), "pip install -r requirements.txt"


def test_the_lock_holds_requirements_in_and_is_made_by_its_command():
    direct = pins(DIRECT)
    assert direct and {name: LOCK.get(name) for name in direct} == direct, "python scripts/lock.py"
    lock_text = LOCK_FILE.read_text()
    assert "python scripts/lock.py" in lock_text and "-e ." in lock_text.splitlines()
    assert "jupyterlab" in LOCK, "a reader runs the chapters with the README's install alone"
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in lock_text.splitlines()
    assert "file://" not in lock_text and str(ROOT) not in lock_text, "no path of the machine that made the lock"


def test_reading_the_lock_refuses_a_line_that_is_not_a_pin(tmp_path):
    lock = tmp_path / "requirements.txt"
    lock.write_text("--extra-index-url https://example.org\n-e .\n# a comment\nTorch==2.13.0  # via book\n")
    assert pins(lock) == {"torch": "2.13.0"}
    for loose in ("numpy>=2", "numpy", "numpy==2.1,<3", "not a requirement!"):
        lock.write_text(f"torch==2.13.0\n{loose}\n")
        with pytest.raises(ValueError, match="requirements.txt, line 2"):
            pins(lock)
