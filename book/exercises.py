"""One-line self-checks for the exercises that have one right answer.

Each chapter's exercises end with a hidden solution. Where the answer is a number or a shape, the
reader can check their own attempt first::

    check("2.1", w)            # chapter 2, exercise 1

which prints ``✓ Exercise 2.1: correct.`` or ``✗ Exercise 2.1: not yet, ...`` with a hint,
without giving the answer away. The answer keys live in ``book/answers/NN.json`` (one file per
chapter), so the notebook shows no expected value. Each key is an object with one of:

- ``"value"``: a number; the answer (a number or a one-element tensor) must be within ``"rel"``
  (relative, default 1e-3) or ``"abs"`` (absolute, default 0) of it;
- ``"shape"``: a list of ints; the answer's ``.shape`` (or the answer itself, a tuple or list)
  must be equal to it;
- ``"choice"``: a string; the answer (a string) must be equal to it, ignoring case and spaces;

and an optional ``"hint"`` printed when the answer is not yet right.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from pathlib import Path

ANSWERS = Path(__file__).with_name("answers")
KEY = re.compile(r"^(\d{1,2})\.(\d{1,2})$")


@cache
def _chapter_keys(chapter: int) -> dict:
    path = ANSWERS / f"{chapter:02d}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def answer_key(exercise: str) -> dict:
    """The stored key of ``exercise`` ("chapter.number", e.g. "2.1"), with a clear error if unknown."""
    if not isinstance(exercise, str) or not KEY.match(exercise):
        raise ValueError(f'exercise must be "chapter.number" such as "2.1", got {exercise!r}')
    chapter = int(KEY.match(exercise).group(1))
    normalised = f"{chapter}.{int(KEY.match(exercise).group(2))}"
    keys = _chapter_keys(chapter)
    if normalised not in keys:
        known = ", ".join(sorted(keys)) or "none"
        raise KeyError(f"no self-check for exercise {exercise!r}; chapter {chapter} has: {known}")
    return keys[normalised]


def _as_number(answer) -> float:
    if hasattr(answer, "numel") or hasattr(answer, "size") and not isinstance(answer, (int, float)):
        count = answer.numel() if hasattr(answer, "numel") else answer.size
        if count != 1:
            raise TypeError(f"the answer must be one number; got {count} numbers")
        answer = answer.item()
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        raise TypeError(f"the answer must be a number, got {type(answer).__name__}")
    return float(answer)


def _as_shape(answer) -> tuple:
    shape = answer.shape if hasattr(answer, "shape") else answer
    if not isinstance(shape, (tuple, list)) or not all(isinstance(n, int) for n in shape):
        raise TypeError(f"the answer must be a shape (a tensor, or a tuple of ints), got {type(answer).__name__}")
    return tuple(int(n) for n in shape)


def _compare(key: dict, answer) -> tuple[bool, str]:
    if "value" in key:
        got = _as_number(answer)
        want, rel, tol = float(key["value"]), float(key.get("rel", 1e-3)), float(key.get("abs", 0.0))
        ok = math.isfinite(got) and abs(got - want) <= max(tol, rel * abs(want))
        return ok, f"{got:.4g}"
    if "shape" in key:
        got = _as_shape(answer)
        return got == tuple(key["shape"]), f"shape {got}"
    if "choice" in key:
        if not isinstance(answer, str):
            raise TypeError(f"the answer must be a string, got {type(answer).__name__}")
        norm = lambda s: " ".join(s.lower().split())  # noqa: E731
        return norm(answer) == norm(key["choice"]), repr(answer)
    raise ValueError(f"answer key has no 'value', 'shape' or 'choice': {key}")


def check(exercise: str, answer) -> None:
    """Print whether ``answer`` is right for ``exercise`` ("2.1").

    Returns nothing, so that a notebook shows only the printed line.
    """
    key = answer_key(exercise)
    ok, got = _compare(key, answer)
    if ok:
        print(f"✓ Exercise {exercise}: correct.")
    else:
        hint = f" Hint: {key['hint']}" if key.get("hint") else ""
        print(f"✗ Exercise {exercise}: not yet (your answer: {got}).{hint}")
