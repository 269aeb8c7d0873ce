"""Execute one notebook as Colab's *Run all* does, in whatever environment runs this file.

    python -P run_elsewhere.py IN.ipynb OUT.ipynb [--warnings]   (-P: not beside booktools/profile.py)

Run by the Colab check and the drift check with *another* environment's Python, so it imports
nothing of the book's tooling: only nbformat and nbclient, which that environment has. Every cell
tag is removed first (Colab knows no ``raises-exception``) and errors are not allowed: the first
error stops the notebook. The executed notebook is written to OUT either way (with the cells run so
far), and the exit code says whether it ran to the end.

With ``--warnings``, every ``DeprecationWarning``, ``PendingDeprecationWarning``, ``FutureWarning``
and ``UserWarning`` raised in a chapter's cells or in the libraries they call is printed every time
(Python shows some only once, some never), so that the checks can find them in the outputs. A
warning a chapter catches on purpose (``warnings.catch_warnings``) is not printed.
"""

import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

LIBRARIES = r"(__main__|book|torch|numpy|matplotlib|sklearn|scipy|PIL|ipywidgets)(\..*)?$"

SHOW_WARNINGS = f"""\
import warnings
for _category in (DeprecationWarning, PendingDeprecationWarning, FutureWarning, UserWarning):
    warnings.filterwarnings("always", category=_category, module={LIBRARIES!r})
del _category
"""


def main(argv) -> int:
    source, target = argv[0], argv[1]
    nb = nbformat.read(source, as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("tags", None)
    injected = "--warnings" in argv[2:]
    if injected:
        nb.cells.insert(0, nbformat.v4.new_code_cell(SHOW_WARNINGS))
    client = NotebookClient(nb, kernel_name="python3", timeout=900, allow_errors=False,
                            store_widget_state=True, record_timing=False,
                            resources={"metadata": {"path": str(__import__("pathlib").Path(source).parent)}})
    error = None
    try:
        client.execute()
    except CellExecutionError as exc:
        error = str(exc).strip().splitlines()[-1] if str(exc).strip() else repr(exc)
    if injected:
        del nb.cells[0]
    nbformat.write(nb, target)
    if error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
