"""Execute a chapter as the project does: the book's profile, widget state stored, models named by content."""

from __future__ import annotations

import os
import pathlib

import nbformat
from nbclient import NotebookClient

from booktools import profile
from booktools.widgets import WIDGET_VIEW, name_models_by_content

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

#: The kernel logs errors only: not, at every start, ipykernel's "Kernel is running over TCP
#: without encryption" (it listens on 127.0.0.1 only), which buried the scripts' progress lines.
QUIET_KERNEL = ["--IPKernelApp.log_level=ERROR"]


def run(path: pathlib.Path, timeout: int = 600, threads: int | None = None, env: dict | None = None):
    """Execute the notebook at `path` under the profile and return it (nothing is written).

    `threads` replaces the profile's thread count; `env` adds variables to the kernel's
    environment (the dispatch check passes ATEN_CPU_CAPABILITY this way).
    """
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = KERNELSPEC
    kernel_env = {**os.environ, **profile.environment(threads), **(env or {})}
    NotebookClient(
        nb,
        kernel_name="python3",
        timeout=timeout,
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
        record_timing=False,
        coalesce_streams=True,  # one stdout block per cell, as nbval compares them
        extra_arguments=QUIET_KERNEL,
    ).execute(env=kernel_env)
    if _has_widget_view(nb):
        name_models_by_content(nb)
    else:  # no widget on the page: no state to carry
        nb.metadata.pop("widgets", None)
    nbformat.validate(nb)
    return nb


def _has_widget_view(nb) -> bool:
    return any(
        WIDGET_VIEW in out.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
    )
