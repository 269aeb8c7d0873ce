"""Will the chapters still print what they store next month? Run them against newer releases.

    python scripts/drift_check.py                    # the newest releases (default)
    python scripts/drift_check.py --against colab    # Colab's versions (booktools/colab.py)
    python scripts/drift_check.py notebooks/04_bias.ipynb --python python3.14

With `--against newest`, a virtual environment in `_build/drift-newest` gets the newest Python this
machine has (or `--python`) and the newest releases the package index serves of torch, NumPy,
matplotlib, scikit-learn, pillow, ipywidgets and the kernel (upgraded at every run); with
`--against colab`, the Colab check's environment. Every chapter then runs top to bottom as Colab's
*Run all* runs it, twice (`booktools.envcheck.check_chapter`): once compared with its stored text,
once with every DeprecationWarning, FutureWarning and UserWarning recorded
(`booktools/run_elsewhere.py`). It exits 1 on a differing cell, an error, or a warning raised at a
chapter's own code or in the companion package; warnings raised inside a library are listed.
Report: `_build/drift-<against>.md`. The weekly workflow `drift.yml` runs both.
"""

import argparse
import pathlib
import sys
import time

from booktools import ROOT, chapter_paths, colab, envcheck, envs

#: What the chapters and their kernel use, at whatever the newest release is.
NEWEST = ["torch", "numpy", "matplotlib", "scikit-learn", "pillow", "ipywidgets", "ipykernel", "ipython",
          "nbclient", "nbformat"]


def newest_environment(env: pathlib.Path, python: str | None) -> pathlib.Path:
    path = python or envs.newest_python()[0]
    pip_args = ["--extra-index-url", envs.TORCH_CPU_INDEX] if envs.reachable("download.pytorch.org") else []
    envs.pinned_environment(env, path, NEWEST, pip_args)
    envs.pip(env, "install", "--quiet", "--upgrade", *pip_args, *NEWEST)  # a release since the last run
    return env


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path, help="default: every chapter")
    parser.add_argument("--against", choices=["newest", "colab"], default="newest")
    parser.add_argument("--python", help="the Python to build the environment with")
    args = parser.parse_args(argv)
    env = ROOT / "_build" / ("colab-env" if args.against == "colab" else "drift-newest")
    report_path = ROOT / "_build" / f"drift-{args.against}.md"
    start = time.perf_counter()
    try:
        if args.against == "colab":
            colab.environment(env, args.python)
        else:
            newest_environment(env, args.python)
        wheel = envs.build_wheel(env / "dist", str(envs.env_python(env)))
        envs.install_wheel(env, wheel)
    except envs.SetupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    found = envs.versions(env, NEWEST)
    python = envs.python_version(str(envs.env_python(env)))
    line = f"Python {python}, " + ", ".join(f"{name} {version}" for name, version in found.items())
    print(f"environment ready in {time.perf_counter() - start:.0f} s: {line}", flush=True)

    major = int(found["ipywidgets"].split(".")[0])
    results = envcheck.check_chapters(env, args.notebooks or chapter_paths(), threads=colab.THREADS,
                                      warnings=True, ipywidgets_major=major)
    return envcheck.conclude(results, f"Drift check against the {args.against} versions: {line}", report_path,
                             "print what they store, without warnings")

if __name__ == "__main__":
    sys.exit(main())
