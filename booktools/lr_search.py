"""Chapter 12's learning-rate search, on the validation set (the command line: `scripts/choose_lr.py`).

The chapter trains each of its four (setting, network) pairs with chapter 11's recipe. The only
number it does not take from chapter 11 is the peak learning rate. :func:`chapter_namespace` runs
the chapter's own code cells, up to the section that shows the search; :func:`search` then trains
every pair with each candidate peak, five seeds each, measuring only on the validation digits (the
test digits are never touched); :func:`table` gives one row per candidate: the median validation
loss over the seeds (the choice: lowest wins) and the validation accuracy (min, median, max).
:func:`chapter_table` reads the table the chapter shows, to compare.
"""

from __future__ import annotations

import contextlib
import io
import statistics
from collections.abc import Callable
from pathlib import Path

from booktools import ROOT

CHAPTER = ROOT / "notebooks" / "12_cnn.ipynb"
#: The markdown cell that shows the search's table; the chapter's code before it is what is run.
MARKER = "### Choosing the learning rate"
CANDIDATES = (0.003, 0.01, 0.03)
SEEDS = range(5)


def _search_cell(nb, path: Path):
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith(MARKER):
            return cell
    raise RuntimeError(f"{path.name} has no markdown cell starting with {MARKER!r}")


def chapter_namespace(path: Path = CHAPTER) -> dict:
    """Run the chapter's code cells before the search section; return their namespace."""
    import matplotlib
    import nbformat
    from IPython.core.inputtransformer2 import TransformerManager

    matplotlib.use("Agg")
    nb = nbformat.read(path, as_version=4)
    stop = _search_cell(nb, path)
    namespace: dict = {"get_ipython": lambda: None, "__name__": "chapter"}
    transform = TransformerManager().transform_cell
    with contextlib.redirect_stdout(io.StringIO()):  # the cells' own prints are not the table
        for cell in nb.cells[: nb.cells.index(stop)]:
            if cell.cell_type == "code":
                exec(compile(transform(cell.source), str(path), "exec"), namespace)  # noqa: S102
    return namespace


def search(namespace: dict, progress: Callable[[str], None] = lambda line: None) -> list[dict]:
    """Train every (setting, network) pair with every candidate, over the seeds; one row each."""
    rows = []
    for key, make_model in namespace["networks"].items():
        x_train, x_val, _ = namespace["inputs"][key]
        for lr in CANDIDATES:
            losses, accuracies = [], []
            for seed in SEEDS:
                run = namespace["train"](make_model, x_train, namespace["y_train"], x_val, namespace["y_val"],
                                         namespace["loss_fn"], "cpu", lr=lr, seed=seed)
                loss, accuracy = namespace["evaluate"](run["model"], x_val, namespace["y_val"],
                                                       namespace["loss_fn"], "cpu")
                losses.append(loss)
                accuracies.append(accuracy)
            rows.append({"setting": key[0], "network": key[1], "lr": lr,
                         "loss": statistics.median(losses), "accuracies": sorted(accuracies)})
            progress(f"{key[0]} {key[1]} lr={lr}: done")
    return rows


def table(rows: list[dict]) -> str:
    """The markdown table the chapter shows; the lowest median validation loss of each pair is chosen."""
    best = {}
    for row in rows:
        key = row["setting"], row["network"]
        if key not in best or row["loss"] < best[key]["loss"]:
            best[key] = row
    lines = ["| setting | network | peak lr | median validation loss "
             "| validation accuracy: min, median, max | chosen |", "|---|---|---|---|---|---|"]
    for row in rows:
        low, middle, high = row["accuracies"][0], row["accuracies"][2], row["accuracies"][4]
        accuracies = f"{low:.1%}, {middle:.1%}, {high:.1%}"
        chosen = "yes" if best[row["setting"], row["network"]] is row else ""
        lines.append(f"| {row['setting']} | {row['network']} | {row['lr']:g} | {row['loss']:.3f} "
                     f"| {accuracies} | {chosen} |")
    return "\n".join(lines).replace("%", " %")


def chapter_table(path: Path = CHAPTER) -> str:
    """The table the chapter shows (the lines of its search cell that start with `|`)."""
    import nbformat

    cell = _search_cell(nbformat.read(path, as_version=4), path)
    return "\n".join(line for line in cell.source.splitlines() if line.startswith("|"))
