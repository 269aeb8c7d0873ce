"""Speed and weight of the book, measured (not asserted): prints a table, writes JSON.

    python scripts/benchmark.py            # everything; JSON in _build/benchmark.json

First the machine (CPU, cores, PyTorch's CPU capability, a reference workload's time). Figures:
each chapter's execution wall time (as scripts/execute.py runs it, under the book's
profile), the CNN chapter's test accuracy for each of its five seeds (read from that execution), the whole-book nbval
wall time with the README's configuration (-n 2 --dist loadgroup), the full test suite's wall time
(the README's `python -m pytest`), the site build time from the
committed outputs, and each chapter page's weight as a gzip-serving host sends it (every response
the page loads in headless Chromium, gzip-compressed at level 6 and summed), on a first visit and
once its explorers were scrolled to (they load the widget renderer then); and the whole book as
one PDF (scripts/build_pdf.py): its build time and size. Every figure is printed beside its budget
(`booktools/budgets.py`, their one home); the command exits 1 when one is over.
"""

import json
import pathlib
import re
import subprocess
import sys
import tempfile
import time

from booktools import ROOT, budgets, chapter_paths, command, profile
from booktools.browser import CHROMIUM_ARGS, SHOW_EXPLORERS, chromium_path, gzip_bytes, offline, serve
from booktools.execution import run

#: The centred CNN's row of the CNN chapter's test table "setting  network  parameters  test accuracy ...":
#: "centred  CNN  81,194  99.4%  98.3%  98.1%  98.6%  97.8%  97.8%  98.3%  99.4%" (five seeds, then
#: min, median, max).
CNN_ROW = re.compile(r"^centred\s+CNN\s+[\d,]+((?:\s+\d+\.\d%){5})", re.M)


def seed_accuracies(nb) -> dict[int, float]:
    """The CNN's test accuracy per seed, from the CNN chapter's table as the executed chapter printed it."""
    for cell in nb.cells:
        text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
        row = CNN_ROW.search(text)
        if row:
            return {seed: float(acc) for seed, acc in enumerate(row.group(1).replace("%", "").split())}
    return {}


def chapter_times(started):
    times, seeds = {}, {}
    paths = chapter_paths()
    for n, path in enumerate(paths, 1):
        start = time.perf_counter()
        nb = run(path)
        times[path.stem] = round(time.perf_counter() - start, 1)
        seeds = seed_accuracies(nb) or seeds
        progress(started, f"chapter {n}/{len(paths)} {path.stem}: {times[path.stem]} s")
    return times, seeds


def progress(started, what):
    print(f"  [{time.perf_counter() - started:5.0f} s] {what}", flush=True)


def nbval_time():
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "notebooks", "-q"], cwd=ROOT,
                            capture_output=True, text=True)
    seconds = round(time.perf_counter() - start, 1)
    return seconds, result.returncode == 0, result.stdout.strip().splitlines()[-1:]


def suite_time(*options):
    """The README's full test command, `python -m pytest` (with `options`: `-m "not slow"`)."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *options], cwd=ROOT,
                            capture_output=True, text=True)
    return round(time.perf_counter() - start, 1), result.stdout.strip().splitlines()[-1:]


def build_time(out):
    start = time.perf_counter()
    subprocess.run([command("jupyter-book"), "build", "--all", "--path-output", str(out), str(ROOT)],
                   check=True, capture_output=True)
    return round(time.perf_counter() - start, 1)


def pdf_build(out):
    """scripts/build_pdf.py (the whole book as one PDF): its wall time and the PDF's size in MB."""
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_pdf.py"), "--out", str(out)], cwd=ROOT,
                   check=True, capture_output=True)
    return round(time.perf_counter() - start, 1), round(out.stat().st_size / 1e6, 2)


def page_weights(site):
    """Each chapter page: gzip bytes on a first visit, then after its explorers were scrolled to."""
    from playwright.sync_api import sync_playwright

    weights = {}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for page_file in sorted((site / "notebooks").glob("*.html")):
            page = browser.new_page()
            offline(page, base)
            responses = []
            page.on("response", lambda r, responses=responses: responses.append(r))
            page.goto(f"{base}/notebooks/{page_file.name}")
            page.wait_for_load_state("networkidle")
            first = gzip_bytes(responses)
            page.evaluate(SHOW_EXPLORERS)
            page.wait_for_selector(".widget-html-content img", state="visible", timeout=30000)
            page.wait_for_load_state("networkidle")
            weights[page_file.stem] = {"gzip_mb": round(first / 1e6, 2),
                                       "with_explorers_gzip_mb": round(gzip_bytes(responses) / 1e6, 2),
                                       "requests": len(responses)}
            page.close()
        browser.close()
    return weights


def machine() -> dict:
    """The machine the figures were measured on: the same code has been seen 1.5 times slower on
    one 2-core machine than on another, so a figure means little without it. `reference_s` is a
    fixed single-thread float64 workload (matrix products), to compare machines by."""
    import os
    import platform

    import torch

    model = next((line.split(":", 1)[1].strip() for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), "") if pathlib.Path("/proc/cpuinfo").exists() else ""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    a = torch.rand(256, 256, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    start = time.perf_counter()
    for _ in range(400):
        a = torch.tanh(a @ a / 256)
    reference = time.perf_counter() - start
    torch.set_num_threads(threads)
    return {"cpu": model or platform.processor() or platform.machine(), "cores": os.cpu_count(),
            "capability": torch.backends.cpu.get_cpu_capability(), "reference_s": round(reference, 3)}


def preflight():
    """What the benchmark needs, found before it starts (not after minutes of work)."""
    missing = []
    try:
        command("jupyter-book")
    except FileNotFoundError as error:
        missing.append(str(error))
    if not pathlib.Path(chromium_path()).exists():
        missing.append(f"Chromium not found at {chromium_path()}: apt-get install chromium, or set CHROMIUM")
    return missing


def main():
    missing = preflight()
    if missing:
        print("error: " + "\n       ".join(missing), file=sys.stderr)
        return 2
    profile.apply()
    print(profile.summary(), flush=True)
    results = {"machine": machine()}
    where = results["machine"]
    print(f"machine: {where['cpu']}, {where['cores']} cores, {where['capability']}; "
          f"reference workload {where['reference_s']} s", flush=True)
    started = time.perf_counter()
    results["chapters_s"], results["cnn_seed_accuracy"] = chapter_times(started)
    results["nbval_s"], results["nbval_passed"], results["nbval_summary"] = nbval_time()
    progress(started, f"whole-book nbval: {results['nbval_s']} s")
    results["suite_s"], results["suite_summary"] = suite_time()
    progress(started, f"full test suite: {results['suite_s']} s")
    results["fast_suite_s"], results["fast_suite_summary"] = suite_time("-m", "not slow")
    progress(started, f"fast tests: {results['fast_suite_s']} s")
    with tempfile.TemporaryDirectory() as out:
        results["build_s"] = build_time(pathlib.Path(out))
        progress(started, f"site build: {results['build_s']} s")
        results["pages"] = page_weights(pathlib.Path(out) / "_build" / "html")
        progress(started, "page weights measured")
        results["pdf_s"], results["pdf_mb"] = pdf_build(pathlib.Path(out) / "book.pdf")
        progress(started, f"PDF: {results['pdf_s']} s")

    heaviest = max(results["pages"].items(), key=lambda item: item[1]["gzip_mb"], default=None)
    if heaviest:
        print(f"heaviest page on a first visit: {heaviest[0]} {heaviest[1]['gzip_mb']} MB gzip "
              f"({heaviest[1]['with_explorers_gzip_mb']} MB once its explorers are scrolled to, "
              f"{heaviest[1]['requests']} requests)")
    accuracies = results["cnn_seed_accuracy"]
    if accuracies:
        values = sorted(accuracies.values())
        print("CNN chapter, test accuracy by seed: "
              + ", ".join(f"{seed}: {acc:.1f} %" for seed, acc in accuracies.items())
              + f" (min {values[0]:.1f}, median {values[len(values) // 2]:.1f}, max {values[-1]:.1f})")

    figures = {f"chapter:{name}": seconds for name, seconds in results["chapters_s"].items()}
    figures.update({f"page:{name}": w["gzip_mb"] * 1e6 for name, w in results["pages"].items()})
    figures.update({name: results[name] for name in ("nbval_s", "suite_s", "fast_suite_s", "build_s", "pdf_s")})
    figures["pdf_bytes"] = results["pdf_mb"] * 1e6
    budget = {name: budgets.budget("page_bytes" if name.startswith("page:") else name) for name in figures}
    over = [name for name, value in figures.items() if value > budget[name]]
    print(f"\n{'figure':32s} {'measured':>12s} {'budget':>12s}")
    for name, value in figures.items():
        unit = (lambda v: f"{v / 1e6:.2f} MB") if name.startswith("page:") or name.endswith("_bytes") else (
            lambda v: f"{v:.1f} s")
        print(f"{name:32s} {unit(value):>12s} {unit(budget[name]):>12s}{'   OVER' if name in over else ''}")
    if not results["nbval_passed"]:
        over.append("nbval failed")
    results["budgets"], results["over_budget"] = budget, over
    out = ROOT / "_build" / "benchmark.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"written {out.relative_to(ROOT)}; {len(over)} over budget{': ' + ', '.join(over) if over else ''}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
