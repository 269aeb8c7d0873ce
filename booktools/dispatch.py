"""Which printed outputs depend on the CPU's code paths (the command line: `scripts/dispatch_check.py`).

Different CPUs take different SIMD paths in PyTorch (ATen), MKL and oneDNN, and so round a few
float operations differently. The check imitates that on one machine: it executes each chapter at
every ATen dispatch level this CPU supports (:func:`configurations`: `ATEN_CPU_CAPABILITY` =
default, avx2, avx512, with `MKL_CBWR` to match), with one thread, and once more at the highest
level with two threads. A code cell is *fragile* when the text nbval compares (streams,
text/plain, text/html, errors, after the project's sanitizer) differs between these runs
(:func:`compare`): on another machine nbval could fail there. Plots (PNG, explorer state) that
differ are listed too, for information (nbval does not compare them). Cells are numbered as nbval
numbers them (code cells, from 0).
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import time

from booktools.outputs import cell_texts, sanitizer
from booktools.widgets import WIDGET_STATE

#: MKL's code path that matches each ATen level (MKL_CBWR).
MKL_PATH = {"default": "COMPATIBLE", "avx2": "AVX2", "avx512": "AVX512"}


def levels(best: str | None = None) -> list[str]:
    """The ATen dispatch levels a CPU whose best level is `best` (default: this CPU's) can run,
    lowest first."""
    if best is None:
        import torch

        best = torch.backends.cpu.get_cpu_capability()
    best = best.lower()  # "avx512", "avx2", "default", ...
    order = ["default", "avx2", "avx512"]
    if best not in order:  # another architecture (arm64: default, sve...)
        return ["default"] if best == "default" else ["default", best]
    return order[: order.index(best) + 1]


def configurations(best: str | None = None) -> list[dict]:
    """One run per level with one thread, and the highest level again with two threads."""
    configs = []
    for level in levels(best):
        env = {"ATEN_CPU_CAPABILITY": level}
        if level in MKL_PATH:
            env["MKL_CBWR"] = MKL_PATH[level]
        configs.append({"name": f"{level}, 1 thread", "threads": 1, "env": env})
    top = configs[-1]
    configs.append({"name": top["name"].replace("1 thread", "2 threads"), "threads": 2, "env": top["env"]})
    return configs


def cell_pictures(nb) -> list[str]:
    """For every code cell, a hash of its PNG outputs (nbval does not compare them)."""
    hashes = []
    for cell in (c for c in nb.cells if c.cell_type == "code"):
        pngs = [out.data["image/png"] for out in cell.outputs if "image/png" in out.get("data", {})]
        hashes.append(hashlib.sha256("".join(pngs).encode()).hexdigest() if pngs else "")
    return hashes


def widget_hash(nb) -> str:
    """A hash of the notebook's explorer state."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {})
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


def observe(nb) -> dict:
    """What one run of a chapter is compared by: its texts, its pictures, its explorer state."""
    return {"texts": cell_texts(nb, sanitizer()), "pictures": cell_pictures(nb), "widgets": widget_hash(nb)}


def execute_one(path: str, threads: int, env: dict) -> dict:
    """Execute one chapter in one configuration (a process of its own: the environment variables
    are read when PyTorch loads); what :func:`observe` sees, and the seconds it took."""
    from booktools.execution import run

    start = time.perf_counter()
    nb = run(pathlib.Path(path), threads=threads, env=env)
    return {"seconds": time.perf_counter() - start, **observe(nb)}


def compare(runs: list[dict]) -> dict:
    """One chapter's runs (one per configuration, as :func:`execute_one` returns them): the fragile
    cells, the cells whose pictures differ, whether the explorer state differs, and the versions of
    the first three fragile cells."""
    fragile = [i for i, texts in enumerate(zip(*(r["texts"] for r in runs))) if len(set(texts)) > 1]
    pictures = [i for i, pics in enumerate(zip(*(r["pictures"] for r in runs))) if len(set(pics)) > 1]
    return {
        "fragile_cells": fragile, "pictures_differ": pictures,
        "explorer_state_differs": len({r["widgets"] for r in runs}) > 1,
        "seconds": [r.get("seconds") for r in runs],
        "examples": {i: sorted({r["texts"][i] for r in runs}) for i in fragile[:3]},
    }
