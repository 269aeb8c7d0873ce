"""The lock, read in one place: `requirements.in` names what the book uses directly,
`requirements.txt` pins every package the install brings (`python scripts/lock.py` makes it).

Used by `scripts/lock.py` (to count what it wrote), `scripts/check_wheels.py` (every pin has a
wheel for every supported Python) and `tests/test_lock.py` (the environment is the lock).
"""

from __future__ import annotations

import pathlib

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from booktools import ROOT

DIRECT = ROOT / "requirements.in"
LOCK = ROOT / "requirements.txt"


def pins(path: pathlib.Path = LOCK) -> dict[str, str]:
    """`{name: version}` for every requirement of `path` (names canonical, as pip compares them).

    Blank lines, comments and pip's options (`-e .`, `--extra-index-url ...`) are skipped. Every
    other line must pin one version with `==`: a range, or a line pip could not read, raises
    ValueError naming the file and the line, since a lock with a loose line is not a lock.
    """
    found = {}
    for number, line in enumerate(path.read_text().splitlines(), 1):
        text = line.split("#", 1)[0].strip()
        if not text or text.startswith("-"):
            continue
        try:
            requirement = Requirement(text)
        except InvalidRequirement as error:
            raise ValueError(f"{path.name}, line {number}: {text!r} is not a requirement ({error})") from None
        specifiers = list(requirement.specifier)
        if len(specifiers) != 1 or specifiers[0].operator != "==":
            raise ValueError(f"{path.name}, line {number}: {text!r} does not pin one version with ==")
        found[canonicalize_name(requirement.name)] = specifiers[0].version
    return found
