"""Run every chapter top to bottom with Colab's widget and plotting versions.

    python scripts/colab_check.py [notebooks ...]

Creates (once) a virtual environment in `_build/colab-env` that sees this environment's packages
but overrides them with Colab's versions (`booktools.colab`: ipywidgets 7, matplotlib,
scikit-learn). Every notebook is executed with nbclient in that environment as Colab's *Run all*
does it: every cell tag removed first (Colab ignores `raises-exception`) and `allow_errors` off, so
the first error stops the chapter and fails the check (outputs are not compared). The explorers must
have used their ipywidgets 7 fallback: no `Stack` widget, controls of the ipywidgets 7 protocol (1.5.0).
"""

import json
import pathlib
import subprocess
import sys
import sysconfig
import venv

from booktools import ROOT, chapter_paths, colab

ENV = ROOT / "_build" / "colab-env"

RUNNER = r'''
import json, sys, nbformat
from nbclient import NotebookClient
import ipywidgets, matplotlib, sklearn
from booktools.widgets import WIDGET_STATE
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
for cell in nb.cells:  # Colab's Run all knows no tags: an error stops it
    cell.metadata.pop("tags", None)
NotebookClient(nb, kernel_name="python3", timeout=600, store_widget_state=True, allow_errors=False,
               resources={"metadata": {"path": sys.argv[2]}}).execute()
state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
print(json.dumps({
    "versions": [ipywidgets.__version__, matplotlib.__version__, sklearn.__version__],
    "models": sorted({m["model_name"] for m in state.values()}),
    "controls": sorted({m["model_module_version"] for m in state.values()
                        if m["model_module"] == "@jupyter-widgets/controls"}),
}))
'''


def environment() -> pathlib.Path:
    python = ENV / "bin" / "python"
    if not python.exists():
        venv.create(ENV, system_site_packages=True, with_pip=True)
        if sys.prefix != sys.base_prefix:
            # Run from a virtual environment: its packages (torch, the book itself) are not the
            # system's, so let the new environment see them too, after its own.
            dirs = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
            lib = next((ENV / "lib").glob("python3*/site-packages"))
            (lib / "_parent_env.pth").write_text(
                "".join(f"import site; site.addsitedir({d!r})\n" for d in sorted(dirs))
            )
        subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        *colab.pins()], check=True)
    return python


def main(argv) -> int:
    paths = [pathlib.Path(p) for p in argv] or chapter_paths()
    python = environment()
    failures = 0
    for path in paths:
        result = subprocess.run([python, "-c", RUNNER, str(path), str(path.parent)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            failures += 1
            print(f"FAIL {path.name}: {result.stderr.strip().splitlines()[-1:]}")
            continue
        report = json.loads(result.stdout.strip().splitlines()[-1])
        problems = []
        if report["versions"] != list(colab.PACKAGES.values()):
            problems.append(f"wrong versions {report['versions']}")
        if "StackModel" in report["models"]:
            problems.append("used Stack (ipywidgets 8 only)")
        if report["controls"] != ["1.5.0"]:
            problems.append(f"controls protocol {report['controls']}")
        if "SelectionSliderModel" not in report["models"]:
            problems.append("no explorer slider")
        failures += bool(problems)
        print(f"{'FAIL' if problems else 'ok  '} {path.name} {'; '.join(problems)}")
    print(f"{len(paths) - failures}/{len(paths)} notebooks run with Colab's versions")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
