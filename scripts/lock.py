"""Refresh the lock: requirements.txt, every package the install brings, from requirements.in.

    python scripts/lock.py

requirements.in names what the book uses directly; this runs pip-tools' `pip-compile` on it (with
this environment's Python: the reference environment, Python 3.11 on Linux x86-64, where PyTorch
comes from its CPU index) and writes requirements.txt, which the README, `.ci/run` and the
workflow install. Existing pins are kept where they still fit (pip-compile prefers them); to move
one, change requirements.in, or pass `--upgrade-package NAME`. tests/test_lock.py fails when the
installed environment and the lock disagree.
"""

import pathlib
import re
import subprocess
import sys
import tempfile

from booktools import ROOT
from booktools.lock import DIRECT, LOCK, pins

HEADER = """\
# The lock: every package `pip install -r requirements.txt` brings, pinned. Generated from
# requirements.in (what the book uses directly) by `python scripts/lock.py`; do not edit by hand.
# Made on Linux x86-64 with Python 3.11 (the reference environment); on macOS and Windows pip adds
# the few platform-only packages (appnope, pywin32, colorama) that a lock made on Linux cannot name.
# PyTorch's CPU wheels: on Linux the package index's torch is the CUDA build (several GB); the book
# never needs a GPU. macOS and Windows get their usual wheels.
--extra-index-url https://download.pytorch.org/whl/cpu
"""


def main(argv) -> int:
    source, target = DIRECT, LOCK
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "requirements.txt"
        if target.is_file():
            out.write_text(target.read_text())  # pip-compile keeps the pins it finds there
        result = subprocess.run(
            [sys.executable, "-m", "piptools", "compile", "--quiet", "--allow-unsafe", "--strip-extras",
             "--no-header", "--no-emit-index-url", "--no-emit-find-links",
             "--output-file", str(out), str(source), *argv],
            cwd=ROOT, capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            return result.returncode
        text = out.read_text()
    # The companion package, as requirements.in names it (pip-compile writes an absolute file: URL).
    text = re.sub(r"^-e file:\S+$", "-e .", text, flags=re.M)
    text = text.replace(str(ROOT) + "/", "").replace(str(ROOT), ".")
    # torch==2.13.0 takes the CPU index's 2.13.0+cpu on Linux and Windows, and macOS's own wheel
    # (which has no +cpu): the pin names the version without its local label.
    text = re.sub(r"^(torch==[^+\s]+)\+cpu", r"\1", text, flags=re.M)
    target.write_text(HEADER + text)
    print(f"{target.relative_to(ROOT)}: {len(pins(target))} packages pinned")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
