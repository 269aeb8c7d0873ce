"""Printing the single page in headless Chromium (Playwright).

Chromium opens the page from a local server (every request leaving the machine is blocked), waits
until MathJax has typeset every formula and every explorer shows its plot (`ready.js`), adds a
title page and a table of contents (`prepare.js`), measures what is wider than the paper
(`overflow.js`), and prints it with the book's print style (`assets/print.css`). The contents'
page numbers come from the printed PDF's bookmarks: written into the page (`number.js`), then
printed again, until they hold.
"""

from __future__ import annotations

import html
import pathlib

from booktools.browser import CHROMIUM_ARGS, chromium_path, offline, serve
from booktools.pdf.errors import PdfError
from booktools.pdf.outline import outline_pages, squeeze


def _program(name: str) -> str:
    """A JavaScript program of this folder: one function, which Playwright calls in the page."""
    return pathlib.Path(__file__).with_name(name).read_text()


READY = _program("ready.js")
PREPARE = _program("prepare.js")
OVERFLOW = _program("overflow.js")
NUMBER = _program("number.js")

PDF_OPTIONS = {
    "format": "A4",
    "margin": {"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
    "print_background": True,
    "outline": True,  # PDF bookmarks from the headings (needs `tagged`)
    "tagged": True,
    "display_header_footer": True,
    "header_template": "<span></span>",
}
FOOTER = ('<div style="width:100%;font-size:8px;color:#555;text-align:center;font-family:sans-serif">'
          '{title} &middot; <span class="pageNumber"></span> / <span class="totalPages"></span></div>')
#: How many times the book is printed at most for its contents' page numbers to hold (numbering
#: the contents can move the pages after it; twice is the rule).
PRINT_TRIES = 3
#: How often the page is asked whether it is ready to print, in ms.
POLL_MS = 250


def column_width_px() -> float:
    """The width of the text on the paper, in CSS pixels (96 per inch)."""
    paper_mm = {"A4": 210.0}[PDF_OPTIONS["format"]]
    margins = PDF_OPTIONS["margin"]
    text_mm = paper_mm - float(margins["left"].removesuffix("mm")) - float(margins["right"].removesuffix("mm"))
    return text_mm / 25.4 * 96


def print_pdf(page_file: pathlib.Path, book: dict, timeout_s: float) -> tuple[bytes, dict]:
    """Open the single page in headless Chromium, wait for math and plots, print it; returns the PDF
    and what was found (documents, headings, overflow, explorers, formulas, requests blocked, page
    errors)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    chromium = chromium_path()
    if not pathlib.Path(chromium).exists():
        raise PdfError(f"Chromium not found at {chromium}: install it (apt-get install chromium) or set CHROMIUM")
    with serve(page_file.parent) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1400}, color_scheme="light")
            page.add_init_script("localStorage.setItem('theme', 'light'); localStorage.setItem('mode', 'light');")
            seen = offline(page, base)
            failed, external, errors = seen["failed"], seen["external"], seen["errors"]
            page.goto(f"{base}/{page_file.name}", wait_until="load")
            try:
                page.wait_for_function(READY, arg=False, timeout=timeout_s * 1000, polling=POLL_MS)
            except PlaywrightTimeout:
                status = page.evaluate(READY, True)
                raise PdfError(f"timed out after {timeout_s:.0f} s waiting for MathJax and the explorers: {status} "
                               f"(formulas, formulas not typeset, widget views, views showing a plot); "
                               f"failed requests: {failed[:5]}; page errors: {errors[:5]}") from None
            status = page.evaluate(READY, True)
            page.evaluate("document.fonts.ready.then(() => true)")
            prepared = page.evaluate(PREPARE, book)
            page.emulate_media(media="print")
            page.set_viewport_size({"width": round(column_width_px()), "height": 1400})
            overflow = page.evaluate(OVERFLOW)
            pdf, numbers = renumber(page, prepared["entries"],
                                    dict(PDF_OPTIONS, footer_template=FOOTER.format(title=html.escape(book["title"]))))
        finally:
            browser.close()
    if failed:
        raise PdfError("requests failed while printing (a missing file?):\n" + "\n".join(failed))
    unnumbered = [title for title, n in numbers.items() if not n]
    if unnumbered:
        raise PdfError(f"no bookmark found for {unnumbered}")
    info = {"documents": [e["title"] for e in prepared["entries"]], "headings": prepared["headings"],
            "overflow": overflow, "explorers": status["views"], "math": status["math"], "external_blocked": external,
            "page_errors": errors}
    return pdf, info


def renumber(page, entries: list[dict], options: dict) -> tuple[bytes, dict]:
    """Print the page, write each entry's page (from the PDF's bookmarks) into the contents, and
    print again until no number changes: at most PRINT_TRIES printings. Returns the last PDF and
    {entry id: page number, None where no bookmark has the entry's title}."""
    for _ in range(PRINT_TRIES):
        pdf = page.pdf(**options)
        pages = outline_pages(pdf)
        numbers = {e["id"]: pages.get(squeeze(e["title"])) for e in entries}
        changed = sum(page.evaluate(NUMBER, numbers))
        if not changed:
            return pdf, numbers
    raise PdfError(f"the contents' page numbers still changed after {PRINT_TRIES} printings ({changed} of "
                   f"{len(entries)} entries): numbering the contents keeps moving the pages after it")
