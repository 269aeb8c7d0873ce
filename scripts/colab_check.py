"""Run every chapter as a Colab reader does, with Colab's Python and versions, and compare its text.

    python scripts/colab_check.py [notebooks ...] [--python PATH]

Builds (once, and again whenever `booktools/colab.py` changes) a virtual environment in
`_build/colab-env` with Colab's Python (3.13) and Colab's versions of every package the chapters
and their kernel use; installs the companion package there from a wheel built as Colab's
`pip install git+...` builds it; runs every chapter top to bottom as Colab's *Run all* does (tags
ignored, no error allowed) with Colab's two threads; and compares every stored text output with
what it printed. It lists every cell a Colab reader sees printed differently and fails on any, and
on any error or explorer that misses its ipywidgets 7 fallback. It first checks itself: a copy of
chapter 3 with one stored number changed must be reported. Report: `_build/colab-check.md`.
"""

import argparse
import pathlib
import sys
import tempfile
import time

from booktools import ROOT, chapter_paths, colab, envcheck, envs

ENV = ROOT / "_build" / "colab-env"
REPORT = ROOT / "_build" / "colab-check.md"
SELF_TEST = ROOT / "notebooks" / "03_leaky_relu.ipynb"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path, help="default: every chapter")
    parser.add_argument("--python", help=f"a Python {colab.PYTHON} to build the environment with "
                                         "(default: found on PATH, through py, pyenv or uv)")
    args = parser.parse_args(argv)
    chapters = args.notebooks or chapter_paths()
    start = time.perf_counter()
    try:
        print(f"Colab's versions, read on {colab.READ_ON} from {colab.SOURCE}", flush=True)
        env = colab.environment(ENV, args.python)
        wheel = envs.build_wheel(env / "dist", str(envs.env_python(env)))
        envs.install_wheel(env, wheel)
    except envs.SetupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    torch = envs.versions(env, ["torch"])["torch"]
    print(f"environment ready in {time.perf_counter() - start:.0f} s: Python {colab.PYTHON}, torch {torch}, "
          f"{len(colab.pins())} pins; companion package from {wheel.name}", flush=True)

    options = {"threads": colab.THREADS, "warnings": False, "ipywidgets_major": 7}
    with tempfile.TemporaryDirectory() as tmp:
        copies, work = pathlib.Path(tmp) / "copy", pathlib.Path(tmp) / "executed"
        copies.mkdir(), work.mkdir()
        copy, cell = envcheck.changed_copy(SELF_TEST, copies)
        probe = envcheck.check_chapter(envs.env_python(env), copy, work=work, **options)
    if [d[0] for d in probe.differing] != [cell] or probe.error:
        print(f"error: the self-test failed: {SELF_TEST.name} with one number changed in code cell {cell} "
              f"gave differing cells {[d[0] for d in probe.differing]} (error: {probe.error})", file=sys.stderr)
        return 1
    print(f"self-test: a copy of {SELF_TEST.name} with one stored number changed is reported (code cell {cell})")

    results = envcheck.check_chapters(env, chapters, **options)
    title = (f"Colab check: Python {colab.PYTHON}, torch {torch}, ipywidgets {colab.PACKAGES['ipywidgets']} "
             f"({time.perf_counter() - start:.0f} s in all)")
    return envcheck.conclude(results, title, REPORT, "print in Colab what they store")

if __name__ == "__main__":
    sys.exit(main())
