"""(Re)execute chapters in place, as nbval runs them, and store their widget state.

    python scripts/execute.py                  # every notebook in notebooks/
    python scripts/execute.py notebooks/01_single_neuron.ipynb
    python scripts/execute.py --copies-only    # rewrite the Colab copies (colab/) of every chapter

The kernel is this Python environment's own (what `--nbval-current-env` uses), started with the
book's execution profile (`booktools.profile`: one thread, fixed hash seed), in the notebook's
folder. The widget state is stored in the notebook's metadata (the static site needs it to draw
the widgets), every widget model named by its content (`booktools.widgets`), so executing an
unchanged chapter again gives the same bytes. No cell may fail (a deliberate error is shown with
`book.expect_error`); an error stops with a message.

Each chapter's first cell is made to install the companion package of this release
(`booktools.edition.install_line`: the tag `v<version>` of pyproject.toml's version), and each
executed chapter's Colab copy (`colab/`, what the site's Colab button opens: no stored output
under the solutions, see `booktools.colab`) is rewritten too.
"""

import argparse
import pathlib
import sys
import time

import nbformat

from booktools import chapter_paths, colab, edition, profile
from booktools.execution import run


def execute(path: pathlib.Path, timeout: int = 600) -> float:
    """Execute one notebook in place; return the wall time in seconds."""
    start = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    if edition.set_install_line(nb):
        nbformat.write(nb, path)
    nb = run(path, timeout)
    seconds = time.perf_counter() - start
    nbformat.write(nb, path)
    return seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path,
                        help="notebooks to execute (default: notebooks/*.ipynb)")
    parser.add_argument("--copies-only", action="store_true",
                        help="execute nothing; set the install line and rewrite the Colab copies in colab/")
    args = parser.parse_args(argv)
    paths = args.notebooks or chapter_paths()
    if not paths:
        parser.error("no notebooks found")
    for path in paths:
        if path.suffix != ".ipynb" or not path.is_file():
            parser.error(f"not a notebook file: {path}")
    if args.copies_only:
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            if edition.set_install_line(nb):  # a source line, no output: nothing to execute
                nbformat.write(nb, path)
            colab.write_copy(path)
        print(f"{len(paths)} Colab copies written to {colab.COPIES}/")
        return 0
    profile.apply()
    print(profile.summary(), flush=True)
    started = time.perf_counter()
    for n, path in enumerate(paths, 1):
        print(f"[{n}/{len(paths)}] {path.name:32s}", end=" ", flush=True)
        print(f"{execute(path):6.1f} s   ({time.perf_counter() - started:.0f} s so far)", flush=True)
        colab.write_copy(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
