"""Show a deliberate error without stopping the notebook.

The chapters show mistakes by making them. A cell that raises stops Colab's *Run all* (Colab
ignores the ``raises-exception`` tag that JupyterLab honours), so the book never lets an error
escape a cell. Instead::

    with expect_error(RuntimeError):
        model(x_wrong_shape)

prints what the reader needs to see, the exception's type and message::

    RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x2 and 3x1)

and the notebook goes on. If the expected error does *not* happen, the block fails loudly with
an :class:`ExpectedErrorMissing` error: a pitfall that no longer fails is a lesson that has
become false (a new PyTorch version may accept what an old one refused).
"""

from __future__ import annotations

import re
import textwrap


class ExpectedErrorMissing(AssertionError):
    """The code inside ``expect_error(...)`` ran without the error it was expected to raise."""


class expect_error:  # noqa: N801  (used like a function: `with expect_error(...)`)
    """Context manager: expect the block to raise ``expected``; print it and carry on.

    Parameters
    ----------
    expected:
        The exception class (or a tuple of classes) the block must raise. Any other exception
        is not caught: it is a real bug, not the lesson.
    match:
        Optional regular expression that the message must contain (``re.search``); a
        different message fails loudly, like a missing error.
    width:
        The printed message is wrapped at this many characters (long PyTorch messages
        stay readable in a notebook); ``None`` prints it on one line.

    After the block, ``.error`` holds the caught exception.
    """

    def __init__(self, expected: type[BaseException] | tuple[type[BaseException], ...] = Exception,
                 *, match: str | None = None, width: int | None = 100):
        classes = expected if isinstance(expected, tuple) else (expected,)
        if not classes or not all(isinstance(c, type) and issubclass(c, BaseException) for c in classes):
            raise TypeError(
                "expect_error needs an exception class such as RuntimeError (or a tuple of them), "
                f"got {expected!r}"
            )
        if match is not None and not isinstance(match, str):
            raise TypeError(f"match must be a regular expression (str), got {type(match).__name__}")
        if width is not None and (not isinstance(width, int) or width < 20):
            raise ValueError(f"width must be an int of at least 20, or None; got {width!r}")
        self.expected, self.match, self.width = classes, match, width
        self.error: BaseException | None = None

    def _names(self) -> str:
        return " or ".join(c.__name__ for c in self.expected)

    def __enter__(self) -> expect_error:
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        if error is None:
            raise ExpectedErrorMissing(
                f"expected {self._names()}, but the code ran without an error: "
                "the pitfall this cell shows no longer fails"
            )
        if not isinstance(error, self.expected):
            return False  # an unexpected error: let it through, with its traceback
        message = str(error).strip()
        if self.match is not None and not re.search(self.match, message):
            raise ExpectedErrorMissing(
                f"expected {self._names()} with a message matching {self.match!r}, got: {message}"
            ) from error
        self.error = error
        print(self.format(error))
        return True  # handled: the notebook goes on

    def format(self, error: BaseException) -> str:
        """``Type: message``, wrapped at ``width`` characters, one paragraph per message line."""
        text = f"{type(error).__name__}: {str(error).strip()}"
        if self.width is None:
            return " ".join(text.split())
        return "\n".join(
            textwrap.fill(line, self.width, subsequent_indent="    ", break_on_hyphens=False)
            for line in text.splitlines() if line.strip()
        )
