"""The whole book as one PDF: every chapter, equations typeset, one plot per explorer.

:func:`build` (the command line: `scripts/build_pdf.py`) goes in three steps:

1. the single page (:mod:`booktools.pdf.page`): Jupyter Book's `singlehtml` builder writes the
   whole book as one page, from the committed outputs (nothing is executed); the book's Sphinx
   extension :mod:`booktools.pdf.singlehtml` has it written as `book.html` at the root of the
   build, its links into itself local, with the widget state of every chapter and the renderer;
2. printing (:mod:`booktools.pdf.printing`): headless Chromium opens it from a local server
   (every request leaving the machine is blocked), waits until MathJax has typeset every formula
   and every explorer shows its plot (the one the reader sees first on the site), adds a title
   page and a table of contents, and prints it with the book's print style (`assets/print.css`:
   no sidebars, buttons or navigation; code wraps; every chapter on a new page); the contents
   give each chapter's page, read from the printed bookmarks;
3. the bookmarks (:mod:`booktools.pdf.outline`): one per heading (one top-level per chapter),
   with their headings' titles; the document's information.

Hidden solutions (cells tagged `hide-cell`) are printed unfolded (on paper nothing can be clicked),
in a section "Solutions to the exercises" at the end of each chapter, after its summary, so that
no answer is printed under its exercise. The JavaScript run in the page is in this folder's `.js`
files. Whatever goes wrong raises :class:`PdfError`.
"""

from __future__ import annotations

import pathlib
import tempfile
import time

import yaml

from booktools import ROOT
from booktools.pdf.errors import PdfError
from booktools.pdf.outline import finish, outline_pages, page_count, squeeze
from booktools.pdf.page import book_facts, build_single_page, edition, site_url
from booktools.pdf.printing import PDF_OPTIONS, column_width_px, print_pdf

__all__ = ["DEFAULT_OUT", "PDF_OPTIONS", "PdfError", "book_facts", "build", "build_single_page",
           "column_width_px", "edition", "finish", "outline_pages", "print_pdf", "site_url", "squeeze"]

DEFAULT_OUT = ROOT / "_build" / "pdf" / "book.pdf"


def _silent(message: str) -> None:
    pass


def build(book_dir: pathlib.Path, out: pathlib.Path, work: pathlib.Path | None = None,
          timeout_s: float = 120.0, progress=_silent) -> dict:
    """Build `out` from the book in `book_dir` (the singlehtml build in `work`, else a temporary
    folder; `timeout_s` to wait for MathJax and the explorers); returns what was measured: pages,
    size_mb, documents, explorers, math, overflow, external_blocked, page_errors, singlehtml_s,
    total_s, warnings (the singlehtml build's). `progress` is called with a line at each step."""
    start = time.perf_counter()

    def step(what):
        progress(f"  [{time.perf_counter() - start:4.0f} s] {what}")

    config = yaml.safe_load((book_dir / "_config.yml").read_text())
    with tempfile.TemporaryDirectory(prefix="book-pdf-") as tmp:
        work = work or pathlib.Path(tmp)
        step("the whole book as one page (Sphinx's singlehtml builder)")
        page_file, log = build_single_page(book_dir, work)
        built = time.perf_counter()
        book = book_facts(book_dir, config)
        step("printing it in headless Chromium (waiting for MathJax and the explorers, then the contents' numbers)")
        pdf, info = print_pdf(page_file, book, timeout_s)
        step("bookmarks and document information")
    pdf = finish(pdf, book, info.pop("headings"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    info.update({
        "pages": page_count(pdf),
        "size_mb": round(len(pdf) / 1e6, 2),
        "singlehtml_s": round(built - start, 1),
        "total_s": round(time.perf_counter() - start, 1),
        "warnings": [line for line in log.splitlines() if "WARNING" in line],
    })
    return info
