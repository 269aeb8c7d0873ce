"""Make runs repeatable."""

from __future__ import annotations

import contextlib
import os
import random

import numpy as np
import torch


def seed_everything(seed: int = 0, *, threads: int | None = None) -> int:
    """Seed Python's ``random``, NumPy and PyTorch, and ask PyTorch for
    deterministic algorithms, so that a notebook prints the same numbers on
    every run.

    ``threads``, if given, sets how many CPU threads PyTorch uses; the default
    leaves it alone. The chapters compute in float64, where the thread count
    (which changes the order of large sums) no longer shows in the printed
    digits.

    Returns the seed, so a cell can show which one it used.

    >>> seed_everything(0)
    0
    """
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be an int, got {type(seed).__name__}")
    if not 0 <= seed < 2**32:
        raise ValueError(f"seed must be in [0, 2**32), got {seed}")
    if threads is not None:
        if isinstance(threads, bool) or not isinstance(threads, int):
            raise TypeError(f"threads must be an int or None, got {type(threads).__name__}")
        if threads < 1:
            raise ValueError(f"threads must be at least 1, got {threads}")
        torch.set_num_threads(threads)
    # Needed by deterministic cuBLAS kernels when a GPU is used.
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    return seed


@contextlib.contextmanager
def preserved_state():
    """Run a block without side effects on the global random and numeric state.

    On exit, Python's, NumPy's and PyTorch's random generators (CUDA's too, when
    a GPU is present), PyTorch's default dtype and its deterministic-algorithms
    setting are exactly what they were on entry, whatever the block did.

    >>> with preserved_state():
    ...     _ = seed_everything(1)
    """
    python_state = random.getstate()
    numpy_state = np.random.get_state()
    torch_state = torch.get_rng_state()
    cuda_states = torch.cuda.get_rng_state_all() if torch.cuda.is_available() else None
    dtype = torch.get_default_dtype()
    deterministic = torch.are_deterministic_algorithms_enabled()
    try:
        yield
    finally:
        random.setstate(python_state)
        np.random.set_state(numpy_state)
        torch.set_rng_state(torch_state)
        if cuda_states is not None:
            torch.cuda.set_rng_state_all(cuda_states)
        torch.set_default_dtype(dtype)
        torch.use_deterministic_algorithms(deterministic)
