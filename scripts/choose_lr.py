"""Choose chapter 12's learning rate on the validation set, and print the table the chapter shows.

    python scripts/choose_lr.py            # print the table (about 3 minutes on one CPU core)
    python scripts/choose_lr.py --check    # also fail if the chapter's table differs

The chapter trains each of its four (setting, network) pairs with chapter 11's recipe. The only
number it does not take from chapter 11 is the peak learning rate. This script runs the chapter's
own code cells, up to the section that shows the search, and then trains every pair with each
candidate peak, five seeds each, measuring only on the validation digits (the test digits are
never touched). It prints one row per candidate: the median validation loss over the seeds (the
choice: lowest wins) and the validation accuracy (min, median, max).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from booktools import profile  # noqa: E402

CHAPTER = ROOT / "notebooks" / "12_cnn.ipynb"
MARKER = "### Choosing the learning rate"
CANDIDATES = (0.003, 0.01, 0.03)
SEEDS = range(5)


def chapter_namespace(path: Path = CHAPTER) -> dict:
    """Run the chapter's code cells before the search section; return their namespace."""
    import matplotlib
    import nbformat
    from IPython.core.inputtransformer2 import TransformerManager

    matplotlib.use("Agg")
    nb = nbformat.read(path, as_version=4)
    namespace: dict = {"get_ipython": lambda: None, "__name__": "chapter"}
    transform = TransformerManager().transform_cell
    with contextlib.redirect_stdout(io.StringIO()):  # the cells' own prints are not the table
        for cell in nb.cells:
            if cell.cell_type == "markdown" and cell.source.startswith(MARKER):
                return namespace
            if cell.cell_type == "code":
                exec(compile(transform(cell.source), str(path), "exec"), namespace)  # noqa: S102
    raise RuntimeError(f"{path.name} has no markdown cell starting with {MARKER!r}")


def search(namespace: dict) -> list[dict]:
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
            print(f"  {key[0]} {key[1]} lr={lr}: done", file=sys.stderr, flush=True)
    return rows


def table(rows: list[dict]) -> str:
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
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith(MARKER):
            lines = [line for line in cell.source.splitlines() if line.startswith("|")]
            return "\n".join(lines)
    raise RuntimeError(f"{path.name} has no markdown cell starting with {MARKER!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the chapter's table differs")
    args = parser.parse_args(argv)
    profile.apply()
    import torch

    torch.set_num_threads(1)
    result = table(search(chapter_namespace()))
    print(result)
    if args.check:
        stored = chapter_table()
        if stored != result:
            print(f"\n{CHAPTER.name}'s table differs from the search above:\n{stored}", file=sys.stderr)
            return 1
        print(f"\n{CHAPTER.name}'s table matches the search.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
