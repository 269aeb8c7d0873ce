"""Does every pinned requirement have a wheel for every supported Python? (asks the package index)

    python scripts/check_wheels.py

The supported versions are the `Programming Language :: Python :: 3.X` classifiers of
`pyproject.toml`. For each pin `name==version` of `requirements.txt` and each of these Pythons it
lists the files of that release on the package index (PyPI's simple API, in JSON) and looks for
a wheel this platform's pip would install there (the tags of `packaging.tags` for that Python).
Nothing is downloaded but the file lists. Exits 1, naming the pin and the Python, when one is
missing. Needs the network.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
import urllib.request

from packaging.tags import compatible_tags, cpython_tags, platform_tags
from packaging.utils import parse_wheel_filename

from booktools import ROOT
from booktools.lock import pins


def supported_pythons() -> list[tuple[int, int]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    found = [re.fullmatch(r"Programming Language :: Python :: (\d)\.(\d+)", c) for c in project["classifiers"]]
    return [(int(m[1]), int(m[2])) for m in found if m]


def wheels(name: str, version: str) -> list[str]:
    request = urllib.request.Request(f"https://pypi.org/simple/{name}/",
                                     headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        files = json.load(response)["files"]
    names = [f["filename"] for f in files if f["filename"].endswith(".whl")]
    return [n for n in names if str(parse_wheel_filename(n)[1]) == version]


def installable(filenames: list[str], python: tuple[int, int]) -> list[str]:
    platforms = list(platform_tags())
    accepted = set(cpython_tags(python, platforms=platforms)) | set(compatible_tags(python, platforms=platforms))
    return [f for f in filenames if parse_wheel_filename(f)[3] & accepted]


def main() -> int:
    pythons = supported_pythons()
    if not pythons:
        print("pyproject.toml names no 'Programming Language :: Python :: 3.X' classifier")
        return 1
    print("supported Pythons (pyproject.toml): " + ", ".join(f"{a}.{b}" for a, b in pythons))
    missing = []
    for name, version in pins().items():
        files = wheels(name, version)
        row = []
        for python in pythons:
            ok = installable(files, python)
            row.append("ok" if ok else "MISSING")
            if not ok:
                missing.append(f"{name}=={version} for Python {python[0]}.{python[1]}")
        print(f"{name + '==' + version:32s} " + "  ".join(f"{a}.{b}: {r:7s}" for (a, b), r in zip(pythons, row)))
    if missing:
        print("no wheel: " + "; ".join(missing))
        return 1
    print(f"every pin has a wheel for every supported Python on this platform ({len(pins())} pins)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
