"""What Colab runs, and the copies of the chapters that Colab opens.

Colab's versions have one home here: the Colab check (``scripts/colab_check.py``) builds an
environment with exactly these, and runs every chapter in it; the README and the workflow are
checked against them (tests/test_structure.py). Colab preinstalls torch, NumPy, matplotlib,
scikit-learn and ipywidgets; the chapters install only the companion package there (ipywidgets 7
has no ``Stack``: the explorer falls back to swapping plots from the kernel).
"""

#: Where and when the versions below were read: Colab's published list of its CPU runtime's
#: packages (``pip-freeze.txt``) and Python (``os-info.txt``), at the commit named.
SOURCE = "https://github.com/googlecolab/backend-info, pip-freeze.txt and os-info.txt at a7240792"
READ_ON = "2026-08-19"

#: Colab's Python (3.13.15 when read; the check needs a 3.13).
PYTHON = "3.13"

#: What the chapters use, at Colab's versions (Colab's torch is the CPU build, ``2.11.0+cpu``).
PACKAGES = {
    "torch": "2.11.0", "numpy": "2.1.3", "matplotlib": "3.10.0", "scikit-learn": "1.6.1",
    "pillow": "11.3.0", "ipywidgets": "7.7.1", "ipython": "7.34.0", "ipykernel": "6.17.1",
}

#: What runs the kernel and draws the plots there, at Colab's versions too.
SUPPORT = {
    "scipy": "1.16.3", "joblib": "1.5.3", "threadpoolctl": "3.6.0", "contourpy": "1.3.3",
    "fonttools": "4.63.0", "kiwisolver": "1.5.0", "cycler": "0.12.1", "pyparsing": "3.3.2",
    "python-dateutil": "2.9.0.post0", "packaging": "26.3", "widgetsnbextension": "3.6.10",
    "jupyterlab-widgets": "3.0.16", "traitlets": "5.7.1", "jupyter-client": "7.4.9",
    "jupyter-core": "5.9.1", "pyzmq": "26.2.1", "tornado": "6.5.7", "matplotlib-inline": "0.2.2",
    "debugpy": "1.8.15", "nbclient": "0.10.4", "nbformat": "5.11.1",
}

#: Colab's kernel has two CPU threads.
THREADS = 2


def pins() -> list[str]:
    """``["torch==2.11.0", ...]``, every package above, for pip."""
    return [f"{name}=={version}" for name, version in {**PACKAGES, **SUPPORT}.items()]


def environment(env, python: str | None = None):
    """The virtual environment ``env`` with Colab's Python and versions, (re)built when the pins
    change (``booktools.envs``); raises ``envs.SetupError`` when it cannot be Colab's."""
    from booktools import envs

    path, full = (python, envs.python_version(python)) if python else envs.find_python(PYTHON)
    if not (full or "").startswith(PYTHON + "."):
        raise envs.SetupError(f"{path} is Python {full}; Colab's is {PYTHON}")
    requirements, pip_args = pins(), []
    if envs.reachable("download.pytorch.org"):  # Colab's own build, the CPU one
        requirements = [p + "+cpu" if p.startswith("torch==") else p for p in requirements]
        pip_args = ["--extra-index-url", envs.TORCH_CPU_INDEX]
    envs.pinned_environment(env, path, requirements, pip_args)
    wanted = {**PACKAGES, **SUPPORT}
    found = envs.versions(env, wanted)
    wrong = {name: found[name] for name, version in wanted.items()
             if (found[name] or "").split("+")[0] != version}
    if wrong:
        raise envs.SetupError(f"{env} does not hold Colab's versions: {wrong}")
    return env


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
