"""Make runs repeatable."""

import os
import random

import numpy as np
import torch


def seed_everything(seed: int = 0) -> int:
    """Seed Python's ``random``, NumPy and PyTorch, and ask PyTorch for
    deterministic algorithms, so that a notebook prints the same numbers on
    every run.

    Returns the seed, so a cell can show which one it used.

    >>> seed_everything(0)
    0
    """
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be an int, got {type(seed).__name__}")
    if not 0 <= seed < 2**32:
        raise ValueError(f"seed must be in [0, 2**32), got {seed}")
    # Needed by deterministic cuBLAS kernels when a GPU is used.
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    return seed
