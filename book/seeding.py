"""Make runs repeatable."""

import os
import random

import numpy as np
import torch


def seed_everything(seed: int = 0, *, threads: int | None = 1) -> int:
    """Seed Python's ``random``, NumPy and PyTorch, and ask PyTorch for
    deterministic algorithms, so that a notebook prints the same numbers on
    every run.

    ``threads`` sets how many CPU threads PyTorch uses (``None`` leaves it
    alone). The default, one, makes results independent of the machine's
    core count: with several threads, large sums are split into pieces whose
    order, and so whose last digits, depends on the number of threads. For
    the small networks of this book one thread is also the fastest choice on
    a shared machine.

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
