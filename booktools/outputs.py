"""The text a chapter prints, as nbval compares it: one home for the dispatch check, the Colab check
and the drift check.

A code cell's *text* is its streams, its ``text/plain``, ``text/html`` and ``image/svg+xml``
outputs and its errors, after the project's sanitizer (``tests/nbval_sanitize.cfg``). PNG images
and widget views are not text. Cells are numbered as nbval numbers them: code cells, from 0.
"""

from __future__ import annotations

import re

from booktools import ROOT

#: The sanitizer nbval applies (pyproject.toml's addopts name the same file).
SANITIZER = ROOT / "tests" / "nbval_sanitize.cfg"

#: A warning as the kernel prints it on stderr: ``path:line: SomeWarning: message``.
WARNING_LINE = re.compile(r"^.*?:\d+: (\w*Warning): (.*)$", re.M)


def sanitizer() -> list[tuple[re.Pattern, str]]:
    """The regex/replace pairs of the sanitizer file, as nbval applies them."""
    pairs, regex = [], None
    for line in SANITIZER.read_text().splitlines():
        if line.startswith("regex: "):
            regex = re.compile(line[len("regex: "):])
        elif line.startswith("replace: ") and regex is not None:
            pairs.append((regex, line[len("replace: "):]))
            regex = None
    return pairs


def cell_texts(nb, rules=None) -> list[str]:
    """For every code cell, the text nbval compares, sanitized (``""`` for a cell that prints none)."""
    rules = sanitizer() if rules is None else rules
    texts = []
    for cell in (c for c in nb.cells if c.cell_type == "code"):
        parts, streams = [], {}
        for out in cell.outputs:
            if out.output_type == "stream" and out.name in streams:  # one per stream, as nbval coalesces
                parts[streams[out.name]] += out.text
            elif out.output_type == "stream":
                streams[out.name] = len(parts)
                parts.append(f"{out.name}: {out.text}")
            elif out.output_type == "error":
                parts.append(f"error: {out.ename}: {out.evalue}")
            else:
                for mime in ("text/plain", "text/html", "image/svg+xml"):
                    if mime in out.get("data", {}):
                        parts.append(f"{mime}: {out.data[mime]}")
        text = "\n".join(parts)
        for regex, replace in rules:
            text = regex.sub(replace, text)
        texts.append(text)
    return texts


def differing_cells(stored, executed, rules=None) -> tuple[int, list[tuple[int, str, str]]]:
    """Compare every stored text output with the one an execution printed.

    Returns the number of code cells that store text, and ``(cell, stored, printed)`` for each cell
    whose text differs (a cell that stores none and prints some differs too).
    """
    rules = sanitizer() if rules is None else rules
    before, after = cell_texts(stored, rules), cell_texts(executed, rules)
    if len(before) != len(after):
        raise ValueError(f"the executed notebook has {len(after)} code cells, the stored one {len(before)}")
    compared = sum(bool(text) for text in before)
    return compared, [(i, a, b) for i, (a, b) in enumerate(zip(before, after)) if a != b]


def warnings_printed(nb) -> list[tuple[int, str]]:
    """``(cell, "Category: message")`` for every warning a code cell printed on stderr."""
    found = []
    code = [c for c in nb.cells if c.cell_type == "code"]
    for i, cell in enumerate(code):
        for out in cell.outputs:
            if out.output_type == "stream" and out.name == "stderr":
                found += [(i, f"{m[1]}: {m[2]}") for m in WARNING_LINE.finditer(out.text)]
    return found
