"""Companion package of *Neural networks in PyTorch, from one neuron to a CNN*.

It holds the few helpers the chapters share, so that each notebook can stay
about the neural network it teaches:

- :func:`seed_everything` makes a run repeatable (``random``, NumPy, PyTorch,
  deterministic algorithms);
- :func:`use_style` sets a readable, colour-blind-safe plot style with an
  opaque background (figures stay readable in the site's dark mode);
- :class:`LossExplorer` precomputes training runs over a grid of one or two
  hyperparameters and shows their loss curves behind a slider that works live
  in Jupyter, in Colab, and on the static site without a kernel;
- :class:`expect_error` shows a deliberate error (its type and message) without
  stopping the notebook, so *Run all* reaches the end everywhere, Colab included;
- :func:`check` is the exercises' one-line self-check ("correct" or a hint).
"""

from book import seeding
from book.errors import ExpectedErrorMissing, expect_error
from book.exercises import check
from book.explorer import LossExplorer
from book.seeding import preserved_state, seed_everything
from book.style import PALETTE, use_style

__all__ = [
    "ExpectedErrorMissing", "LossExplorer", "PALETTE", "check", "expect_error", "preserved_state",
    "seed_everything", "seeding", "use_style",
]
from importlib.metadata import version as _version

#: The book's version (pyproject.toml is its one home; the installed package carries it).
__version__ = _version("book")
