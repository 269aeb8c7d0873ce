"""Tooling shared by the book's scripts and tests (not used by the chapters themselves).

- :mod:`booktools.profile`: the execution profile every kernel that makes or checks stored
  outputs runs under (thread counts), and the one-line summary the pytest header prints.
- :func:`chapter_paths`: the chapter notebooks, in order; :func:`toc_files`: every file of
  ``_toc.yml``, in order.
- :mod:`booktools.site`: the book's Sphinx extension; :mod:`booktools.pdf`: the whole book as one PDF.
"""

import pathlib

#: The repository root (this package is installed in editable mode from it).
ROOT = pathlib.Path(__file__).resolve().parents[1]

#: The sections every chapter has, in order (shared/CHAPTERS.md's skeleton; chapters after the
#: first open with "What changed"): the structure tests check the notebooks, the PDF tests the print.
SKELETON = ["The model in math", "Code", "Train", "Explore", "Pitfalls", "Exercises", "Summary"]


def chapter_paths() -> list[pathlib.Path]:
    """Every chapter notebook under ``notebooks/``, sorted by name (which is chapter order)."""
    return sorted((ROOT / "notebooks").glob("*.ipynb"))


def toc_files(book_dir: pathlib.Path = ROOT) -> list[str]:
    """Every file listed in ``book_dir``'s ``_toc.yml``, in order, without extension: the root page,
    then each chapter of each part."""
    import yaml

    toc = yaml.safe_load((pathlib.Path(book_dir) / "_toc.yml").read_text())
    files = [chapter["file"] for part in toc.get("parts", []) for chapter in part.get("chapters", [])]
    return [toc["root"], *files]


def command(name: str) -> str:
    """The path of the command ``name`` of this Python's environment (``jupyter-book``), found next
    to ``sys.executable`` first, so that scripts work without activating the environment; then on
    ``PATH``. A clear error when neither has it."""
    import shutil
    import sys

    here = pathlib.Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name!r} is neither next to {sys.executable} nor on PATH: "
                                "pip install -r requirements.txt in this environment")
    return found
