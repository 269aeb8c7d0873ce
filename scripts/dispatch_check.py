"""Which printed outputs depend on the CPU's code paths? Execute every chapter several ways and compare.

    python scripts/dispatch_check.py                       # every chapter
    python scripts/dispatch_check.py notebooks/12_cnn.ipynb

Each chapter runs at every ATen dispatch level this CPU supports with one thread, and at the
highest with two threads; a code cell whose text (as nbval compares it) differs between the runs is
*fragile* (see `booktools/dispatch.py`). It prints a table, chapter by chapter, writes
`_build/dispatch.json`, and exits 1 when any cell is fragile. The goal is 0.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import pathlib
import sys
import time

import torch

from booktools import ROOT, chapter_paths, profile
from booktools.dispatch import compare, configurations, execute_one


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

    report = {"configurations": configs, "chapters": {
        path.name: compare([results[(str(path), c["name"])] for c in configs]) for path in paths}}
    chapters = report["chapters"]
    width = max(len(name) for name in chapters)
    print(f"\n| {'chapter':{width}s} | fragile | cells (nbval numbers) | PNG differ | explorer differs | seconds |")
    print(f"|{'-' * (width + 2)}|---------|-----------------------|------------|------------------|---------|")
    for name, chapter in chapters.items():
        cells, pictures = chapter["fragile_cells"], chapter["pictures_differ"]
        differs = "yes" if chapter["explorer_state_differs"] else "no"
        print(f"| {name:{width}s} | {len(cells):7d} | {', '.join(map(str, cells)) or '-':21s} "
              f"| {', '.join(map(str, pictures)) or '-':10s} | {differs:16s} | {chapter['seconds'][0]:7.1f} |")
    total = sum(len(chapter["fragile_cells"]) for chapter in chapters.values())
    print(f"| {'total':{width}s} | {total:7d} |")
    print(f"\n{len(configs)} configurations x {len(paths)} chapters in {time.perf_counter() - start:.0f} s")
    for name, chapter in chapters.items():
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
