"""The execution profile: what is pinned for every kernel that makes or checks stored outputs.

The chapters compute in float64 (each sets ``torch.set_default_dtype(torch.float64)`` in its
setup cell). In float64 the printed text no longer depends on the CPU's vector instructions
(``scripts/dispatch_check.py`` measures that), so the profile pins only what is cheap to pin and
keeps runs comparable in speed: one thread per kernel (two kernels run side by side on a
two-core CI machine) and a fixed hash seed.

Environment variables are read when a library loads, so they must be in the environment of the
kernel *before* it starts: :func:`apply` sets them in this process, and every kernel it starts
afterwards (nbclient, nbval) inherits them. ``scripts/execute.py``, ``booktools/pytest_plugin.py``
(and so nbval's kernels), the reproducibility test, the dispatch check and the benchmark use it.
"""

from __future__ import annotations

import os

#: The dtype every chapter sets (checked by tests/test_structure.py).
DTYPE = "float64"

#: Environment of every kernel. The thread counts are the only setting that still matters.
ENV = {
    "OMP_NUM_THREADS": "1",  # torch's intra-op threads (read when torch loads)
    "MKL_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "PYTHONHASHSEED": "0",
}


def environment(threads: int | None = None) -> dict[str, str]:
    """The profile's variables, with another thread count if given."""
    env = dict(ENV)
    if threads is not None:
        if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
            raise ValueError(f"threads must be a positive int, got {threads!r}")
        for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
            env[name] = str(threads)
    return env


def apply(threads: int | None = None) -> dict[str, str]:
    """Set the profile in ``os.environ`` (inherited by kernels started afterwards); return it."""
    env = environment(threads)
    os.environ.update(env)
    return env


def summary() -> str:
    """One line for the pytest header and the scripts' logs."""
    threads = os.environ.get("OMP_NUM_THREADS", "unset")
    pinned = " ".join(f"{k}={os.environ.get(k, 'unset')}" for k in ENV)
    return f"book profile: dtype {DTYPE} (set by every chapter), {threads} thread(s) per kernel; {pinned}"
