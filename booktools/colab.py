"""What Colab runs: the versions the book's Colab check installs (scripts/colab_check.py).

Colab preinstalls torch, NumPy, matplotlib, scikit-learn and ipywidgets; the chapters install only
the companion package there. These are the versions that matter to the chapters (ipywidgets 7
has no ``Stack``: the explorer falls back to swapping plots from the kernel). The README and the
workflow name the same versions; tests/test_structure.py checks that they do.
"""

#: Colab's Python (the workflow's Colab check runs on it, among others).
PYTHON = "3.12"

#: The packages whose Colab versions differ from requirements.txt in ways the chapters notice.
PACKAGES = {"ipywidgets": "7.7.1", "matplotlib": "3.10.0", "scikit-learn": "1.6.1"}


def pins() -> list[str]:
    """``["ipywidgets==7.7.1", ...]``, for pip."""
    return [f"{name}=={version}" for name, version in PACKAGES.items()]


# ------------------------------------------------------------------ the copies Colab opens
# Colab shows a cell's stored output even when a form (`cellView: form`) hides its code, and it
# honours neither `jupyter.outputs_hidden` nor the site's `hide-cell` tag: a chapter opened there
# would show every answer under its exercise. So the site's Colab button opens a copy of each
# chapter in `colab/` with no stored output in its solution cells (the code stays, folded by its
# form; running it shows the output). The copy also leaves out the stored widget state, which
# only the static site uses. `scripts/execute.py` writes the copies; tests/test_structure.py checks
# that each one is what `reader_copy` makes of its chapter.

#: The folder of the copies, at the repository's root.
COPIES = "colab"


def is_solution(cell) -> bool:
    """A chapter's hidden solution: a code cell tagged ``hide-cell``."""
    return cell.get("cell_type") == "code" and "hide-cell" in cell.get("metadata", {}).get("tags", [])


def reader_copy(nb):
    """The notebook as a Colab reader first sees it: no output under any solution, no widget state."""
    import copy

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if is_solution(cell):
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    return nb


def copy_path(chapter):
    """Where the Colab copy of ``chapter`` (a path under notebooks/) lives."""
    from booktools import ROOT

    return ROOT / COPIES / chapter.name


def write_copy(chapter) -> None:
    """Write (or rewrite) the Colab copy of one chapter."""
    import nbformat

    target = copy_path(chapter)
    target.parent.mkdir(exist_ok=True)
    nbformat.write(reader_copy(nbformat.read(chapter, as_version=4)), target)
