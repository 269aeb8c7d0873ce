"""Execute one notebook as Colab's *Run all* does, in whatever environment runs this file.

    python -P run_elsewhere.py IN.ipynb OUT.ipynb [--warnings]   (-P: not beside booktools/profile.py)

Run by the Colab check and the drift check with *another* environment's Python, so it imports
nothing of the book's tooling: only nbformat and nbclient, which that environment has. Every cell
tag is removed first (Colab knows no ``raises-exception``) and errors are not allowed: the first
error stops the notebook. The executed notebook is written to OUT either way (with the cells run so
far), and the exit code says whether it ran to the end.

With ``--warnings``, every ``DeprecationWarning``, ``PendingDeprecationWarning``, ``FutureWarning``
and ``UserWarning`` raised in a chapter's cells or in the libraries they call is recorded, every
time (Python shows some only once, some never), instead of printed: the outputs stay what a reader
sees, and the warnings go to the notebook's metadata (``book_warnings``: code cell, category,
message, where). A warning a chapter catches on purpose (``warnings.catch_warnings``) is not
recorded.
"""

import pathlib
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

LIBRARIES = r"(__main__|book|torch|numpy|matplotlib|sklearn|scipy|PIL|ipywidgets)(\..*)?$"

RECORD_WARNINGS = f"""\
import warnings as _warnings
_book_warnings, _book_cell = [], [-1]
def _book_record(message, category, filename, lineno, file=None, line=None):
    _book_warnings.append([_book_cell[0], category.__name__, str(message), f"{{filename}}:{{lineno}}"])
# The chapter's code cells, counted from 0 as each starts (figures are drawn after the cell's code,
# before the next one starts: their warnings belong to that cell).
get_ipython().events.register("pre_run_cell", lambda info: _book_cell.__setitem__(0, _book_cell[0] + 1))
for _category in (DeprecationWarning, PendingDeprecationWarning, FutureWarning, UserWarning):
    _warnings.filterwarnings("always", category=_category, module={LIBRARIES!r})
_warnings.showwarning = _book_record
del _category
"""

REPORT_WARNINGS = "import json as _json; print(_json.dumps(_book_warnings))"


def main(argv) -> int:
    source, target = argv[0], argv[1]
    nb = nbformat.read(source, as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("tags", None)
    injected = "--warnings" in argv[2:]
    if injected:
        nb.cells.insert(0, nbformat.v4.new_code_cell(RECORD_WARNINGS))
        nb.cells.append(nbformat.v4.new_code_cell(REPORT_WARNINGS))
    client = NotebookClient(nb, kernel_name="python3", timeout=900, allow_errors=False,
                            store_widget_state=True, record_timing=False,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no TCP warning per start
                            resources={"metadata": {"path": str(pathlib.Path(source).parent)}})
    error = None
    try:
        client.execute()
    except CellExecutionError as exc:
        error = str(exc).strip().splitlines()[-1] if str(exc).strip() else repr(exc)
    if injected:
        del nb.cells[0]
        last = nb.cells.pop()
        if not error:
            import json

            recorded = json.loads(last.outputs[0]["text"]) if last.get("outputs") else []
            nb.metadata["book_warnings"] = recorded
    nbformat.write(nb, target)
    if error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
