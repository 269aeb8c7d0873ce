"""Which printed outputs depend on the CPU's code paths? Execute every chapter several ways and compare.

    python scripts/dispatch_check.py                       # every chapter
    python scripts/dispatch_check.py notebooks/12_cnn.ipynb

Different CPUs take different SIMD paths in PyTorch (ATen), MKL and oneDNN, and so round a few
float operations differently. This script imitates that on one machine: it executes each chapter
at every ATen dispatch level this CPU supports (`ATEN_CPU_CAPABILITY` = default, avx2, avx512, with
`MKL_CBWR` to match), with one thread, and once more at the highest level with two threads. A
code cell is *fragile* when the text nbval compares (streams, text/plain, text/html, errors, after
the project's sanitizer) differs between these runs: on another machine nbval could fail there.
Plots (PNG, explorer state) that differ are listed too, for information (nbval does not compare
them).

It prints a table, chapter by chapter, writes `_build/dispatch.json`, and exits 1 when any cell
is fragile. The goal is 0. Cells are numbered as nbval numbers them (code cells, from 0).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import json
import pathlib
import sys
import time

import torch

from booktools import ROOT, chapter_paths, profile
from booktools.execution import run
from booktools.outputs import cell_texts, sanitizer
from booktools.widgets import WIDGET_STATE

#: MKL's code path that matches each ATen level (MKL_CBWR).
MKL_PATH = {"default": "COMPATIBLE", "avx2": "AVX2", "avx512": "AVX512"}


def levels() -> list[str]:
    """The ATen dispatch levels this CPU can run, lowest first."""
    best = torch.backends.cpu.get_cpu_capability().lower()  # "avx512", "avx2", "default", ...
    order = ["default", "avx2", "avx512"]
    if best not in order:  # another architecture (arm64: default, sve...)
        return ["default"] if best == "default" else ["default", best]
    return order[: order.index(best) + 1]


def configurations() -> list[dict]:
    configs = []
    for level in levels():
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
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {})
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


def execute_one(path: str, threads: int, env: dict) -> dict:
    start = time.perf_counter()
    nb = run(pathlib.Path(path), threads=threads, env=env)
    return {
        "seconds": time.perf_counter() - start,
        "texts": cell_texts(nb, sanitizer()),
        "pictures": cell_pictures(nb),
        "widgets": widget_hash(nb),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path,
                        help="notebooks to check (default: notebooks/*.ipynb)")
    parser.add_argument("--jobs", type=int, default=2, help="chapters executed at once (default 2)")
    parser.add_argument("--json", type=pathlib.Path, default=ROOT / "_build" / "dispatch.json",
                        help="where to write the results (default _build/dispatch.json)")
    args = parser.parse_args(argv)
    paths = args.notebooks or chapter_paths()
    for path in paths:
        if path.suffix != ".ipynb" or not path.is_file():
            parser.error(f"not a notebook file: {path}")
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")

    profile.apply()
    configs = configurations()
    print(profile.summary())
    print(f"CPU capability {torch.backends.cpu.get_cpu_capability()}; configurations: "
          + "; ".join(f"{c['name']} ({' '.join(f'{k}={v}' for k, v in c['env'].items())})" for c in configs),
          flush=True)

    start = time.perf_counter()
    results = {}
    # One-thread runs share the cores, `--jobs` at a time; a run with more threads runs alone
    # afterwards (a two-thread kernel beside another kernel on two cores ran 20 times slower).
    done, total = 0, len(paths) * len(configs)
    for threads, jobs in [(1, args.jobs), (None, 1)]:
        phase = [c for c in configs if (c["threads"] == 1) == (threads == 1)]
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {
                (str(path), c["name"]): pool.submit(execute_one, str(path), c["threads"], c["env"])
                for path in paths for c in phase
            }
            for future in concurrent.futures.as_completed(futures.values()):
                future.result()  # an error stops here, with the chapter's traceback
                key = next(k for k, f in futures.items() if f is future)
                done += 1
                print(f"  [{done}/{total}] {pathlib.Path(key[0]).name:32s} {key[1]:18s} "
                      f"{future.result()['seconds']:5.1f} s   ({time.perf_counter() - start:.0f} s so far)", flush=True)
            results.update({key: future.result() for key, future in futures.items()})

    rows, report = [], {"configurations": configs, "chapters": {}}
    for path in paths:
        runs = [results[(str(path), c["name"])] for c in configs]
        fragile = [i for i, texts in enumerate(zip(*(r["texts"] for r in runs))) if len(set(texts)) > 1]
        pictures = [i for i, pics in enumerate(zip(*(r["pictures"] for r in runs))) if len(set(pics)) > 1]
        widgets_differ = len({r["widgets"] for r in runs}) > 1
        seconds = runs[0]["seconds"]
        examples = {}
        for i in fragile[:3]:
            variants = sorted({r["texts"][i] for r in runs})
            examples[i] = variants
        report["chapters"][path.name] = {
            "fragile_cells": fragile, "pictures_differ": pictures,
            "explorer_state_differs": widgets_differ, "seconds": [r["seconds"] for r in runs],
            "examples": examples,
        }
        rows.append((path.name, len(fragile), fragile, pictures, widgets_differ, seconds))

    width = max(len(r[0]) for r in rows)
    print(f"\n| {'chapter':{width}s} | fragile | cells (nbval numbers) | PNG differ | explorer differs | seconds |")
    print(f"|{'-' * (width + 2)}|---------|-----------------------|------------|------------------|---------|")
    for name, n, cells, pictures, widgets_differ, seconds in rows:
        differs = "yes" if widgets_differ else "no"
        print(f"| {name:{width}s} | {n:7d} | {', '.join(map(str, cells)) or '-':21s} "
              f"| {', '.join(map(str, pictures)) or '-':10s} | {differs:16s} | {seconds:7.1f} |")
    total = sum(r[1] for r in rows)
    print(f"| {'total':{width}s} | {total:7d} |")
    print(f"\n{len(configs)} configurations x {len(paths)} chapters in {time.perf_counter() - start:.0f} s")
    for name, chapter in report["chapters"].items():
        for i, variants in chapter["examples"].items():
            print(f"\n{name} cell {i}, {len(variants)} versions:")
            for text in variants:
                print("   " + text[:300].replace("\n", "\n   "))

    args.json.parent.mkdir(parents=True, exist_ok=True)
    report["total_fragile"] = total
    args.json.write_text(json.dumps(report, indent=1))
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
