"""Tooling shared by the book's scripts and tests (not used by the chapters themselves).

- :mod:`booktools.profile`: the execution profile every kernel that makes or checks stored
  outputs runs under (thread counts), and the one-line summary the pytest header prints.
- :func:`chapter_paths`: the chapter notebooks, in order.
"""

import pathlib

#: The repository root (this package is installed in editable mode from it).
ROOT = pathlib.Path(__file__).resolve().parents[1]


def chapter_paths() -> list[pathlib.Path]:
    """Every chapter notebook under ``notebooks/``, sorted by name (which is chapter order)."""
    return sorted((ROOT / "notebooks").glob("*.ipynb"))
