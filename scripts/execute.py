"""(Re)execute chapters in place, as nbval runs them, and store their widget state.

    python scripts/execute.py                  # every notebook in notebooks/
    python scripts/execute.py notebooks/01_single_neuron.ipynb

The kernel is this Python environment's own (what `--nbval-current-env` uses), the working
directory is the notebook's folder, and the widget state is stored in the notebook's metadata
(the static site needs it to draw the widgets). Cells tagged `raises-exception` may fail; any
other error stops with a message.
"""

import argparse
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[1]
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def run(path: pathlib.Path, timeout: int = 600):
    """Execute the notebook at `path` and return it (nothing is written)."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = KERNELSPEC
    NotebookClient(
        nb,
        kernel_name="python3",
        timeout=timeout,
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
        record_timing=False,
        coalesce_streams=True,  # one stdout block per cell, as nbval compares them
    ).execute()
    if not _has_widget_view(nb):  # no widget on the page: no state to carry
        nb.metadata.pop("widgets", None)
    nbformat.validate(nb)
    return nb


def execute(path: pathlib.Path, timeout: int = 600) -> float:
    """Execute one notebook in place; return the wall time in seconds."""
    start = time.perf_counter()
    nb = run(path, timeout)
    seconds = time.perf_counter() - start
    nbformat.write(nb, path)
    return seconds


def _has_widget_view(nb) -> bool:
    return any(
        "application/vnd.jupyter.widget-view+json" in out.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path,
                        help="notebooks to execute (default: notebooks/*.ipynb)")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not paths:
        parser.error("no notebooks found")
    for path in paths:
        if path.suffix != ".ipynb" or not path.is_file():
            parser.error(f"not a notebook file: {path}")
        print(f"{path.name:40s}", end=" ", flush=True)
        print(f"{execute(path):6.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
