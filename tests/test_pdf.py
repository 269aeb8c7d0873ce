"""The whole book as one PDF (`scripts/build_pdf.py`, over `booktools.pdf`), read back with pypdf.

Builds the PDF once per test session from a copy of the book (as the site tests do), in headless
Chromium; the expectations (chapter titles, explorers) come from that copy's notebooks.
`BOOK_PDF=path/to/book.pdf` checks that PDF against this clone instead (one already built, or one
broken on purpose).
"""

import logging
import os
import pathlib
import re
import shutil
import subprocess
import sys
import unicodedata

import nbformat
import pytest
import yaml
from conftest import ROOT, TESTED_SITE, book_copy, shared_folder, toc_files

from book.explorer import HEIGHT, WIDTH
from booktools import SKELETON
from booktools.budgets import PDF_BYTES
from booktools.pdf import outline, site_url
from booktools.widgets import WIDGET_VIEW

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # builds the book and prints it in Chromium

logging.getLogger("pypdf").setLevel(logging.ERROR)  # Chromium's PDFs draw "object count" warnings

#: The chapters, in the order of `_toc.yml` (tests/test_structure.py checks that each one exists).
CHAPTERS = [f for f in toc_files() if f.startswith("notebooks/") and (ROOT / f"{f}.ipynb").is_file()]
IDS = [f.removeprefix("notebooks/") for f in CHAPTERS]
#: What every explorer says on paper (assets/print.css).
EXPLORER_NOTE = "On the website, a slider moves through the other runs."


def norm(text: str) -> str:
    """Text as compared: ligatures undone (pypdf reads "ﬃ"), white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def squeeze(text: str) -> str:
    """A bookmark's title as the PDF builder compares it (booktools.pdf.outline), ligatures undone."""
    return outline.squeeze(unicodedata.normalize("NFKC", text))


def chapter_title(path) -> str:
    """The notebook's first `# ` heading, as the page shows it (no Markdown marks)."""
    path = pathlib.Path(path)
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return norm(re.sub(r"[`*]", "", line[2:]))
    raise AssertionError(f"{path.name} has no '# ' title")


def explorer_count(path) -> int:
    nb = nbformat.read(path, as_version=4)
    return sum(WIDGET_VIEW in out.get("data", {}) for cell in nb.cells if cell.cell_type == "code"
               for out in cell.outputs)


@pytest.fixture(scope="session")
def pdf_build(tmp_path_factory, request):
    """(the PDF, the build's output, the book it was built from). Built once per session, whatever
    the number of xdist workers (the first builds, the others wait and read the same file), and
    copied into the tested site (`_build/html/book.pdf`, what the workflow deploys)."""
    if os.environ.get("BOOK_PDF"):
        return pathlib.Path(os.environ["BOOK_PDF"]), "", ROOT
    from filelock import FileLock

    request.getfixturevalue("site")  # the tested site first: the PDF goes into it
    shared = shared_folder(tmp_path_factory)
    out, log_file = shared / "pdf" / "book.pdf", shared / "pdf-build.log"
    with FileLock(str(shared / "pdf.lock")):
        if not log_file.exists():
            source = book_copy(shared / "pdf-book")
            result = subprocess.run(
                [sys.executable, str(source / "scripts" / "build_pdf.py"), "--book", str(source), "--out", str(out)],
                capture_output=True, text=True, timeout=900,
            )
            log_file.write_text(f"exit {result.returncode}\n" + result.stdout + result.stderr)
            if result.returncode == 0:
                shutil.copy2(out, TESTED_SITE / "book.pdf")
    log = log_file.read_text()
    assert log.startswith("exit 0\n"), log[-3000:]
    return out, log, shared / "pdf-book"


@pytest.fixture(scope="session")
def pdf(pdf_build):
    """The PDF read once: reader, text of every page, top-level bookmarks {title: page index}."""
    from pypdf import PdfReader

    path, _, book = pdf_build
    reader = PdfReader(path)
    texts = [page.extract_text() for page in reader.pages]
    top = {}
    for item in reader.outline:
        if not isinstance(item, list):
            top.setdefault(squeeze(item.title), reader.get_destination_page_number(item))
    chapters = [book / f"{f}.ipynb" for f in CHAPTERS]
    return {"path": path, "reader": reader, "texts": texts, "bookmarks": top, "chapters": dict(zip(IDS, chapters))}


def chapter_pages(pdf, path) -> range:
    """The page indexes of a chapter: from its bookmark to the next top-level bookmark."""
    starts = sorted(set(pdf["bookmarks"].values()))
    start = pdf["bookmarks"].get(squeeze(chapter_title(path)))
    assert start is not None, f"no bookmark for '{chapter_title(path)}'"
    later = [s for s in starts if s > start]
    return range(start, later[0] if later else len(pdf["texts"]))


def test_page_count_is_sensible(pdf):
    pages = len(pdf["reader"].pages)
    assert 5 * len(CHAPTERS) <= pages <= 30 * len(CHAPTERS), f"{pages} pages for {len(CHAPTERS)} chapters"


def test_file_is_within_its_budget(pdf):
    size = pdf["path"].stat().st_size
    assert size <= PDF_BYTES, f"{size / 1e6:.1f} MB, budget {PDF_BYTES / 1e6:.0f} MB (booktools/budgets.py)"


def test_one_bookmark_per_chapter_in_book_order(pdf):
    chapters = pdf["chapters"].values()
    titles = [squeeze(chapter_title(p)) for p in chapters]
    missing = [chapter_title(p) for p in chapters if squeeze(chapter_title(p)) not in pdf["bookmarks"]]
    assert missing == [], f"chapters without a bookmark: {missing}"
    top_level = [squeeze(item.title) for item in pdf["reader"].outline if not isinstance(item, list)]
    assert [t for t in top_level if t in titles] == titles, "one bookmark per chapter, in the book's order"


@pytest.mark.parametrize("chapter", IDS)
def test_chapter_starts_a_page_and_has_every_skeleton_section(pdf, chapter):
    path = pdf["chapters"][chapter]
    pages = chapter_pages(pdf, path)
    title = chapter_title(path)
    first = norm(pdf["texts"][pages.start])
    assert first.startswith(title), f"page {pages.start + 1} does not start with '{title}': {first[:80]!r}"
    lines = [norm(line) for i in pages for line in pdf["texts"][i].splitlines()]
    missing = [name for name in SKELETON if not any(line.startswith(name) for line in lines)]
    assert missing == [], f"sections missing from '{title}' (pages {pages.start + 1}-{pages.stop})"


@pytest.mark.parametrize("chapter", IDS)
def test_solutions_are_printed_at_the_end_of_the_chapter_not_under_their_exercises(pdf, chapter):
    path = pdf["chapters"][chapter]
    pages = chapter_pages(pdf, path)
    text = norm("\n".join(pdf["texts"][i] for i in pages))
    count = sum("hide-cell" in c.metadata.get("tags", []) for c in nbformat.read(path, as_version=4).cells)
    summary = text.rfind("Summary")
    heading = text.find("Solutions to the exercises")
    assert 0 <= summary < heading, "the solutions section comes after the chapter's summary"
    before = text[:heading]
    assert "Solution to exercise" not in before, "a solution is printed before the chapter's end"
    for k in range(1, count + 1):
        assert f"Solution to exercise {k}" in text[heading:], f"solution {k} is not printed"


def test_title_page_and_contents(pdf):
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    title_page = norm(pdf["texts"][0])
    for fact in (config["title"], config["author"], config["repository"]["url"]):
        assert norm(fact) in title_page
    contents = norm(pdf["texts"][1])
    assert contents.startswith("Contents")
    for path in pdf["chapters"].values():
        # Each chapter is listed with the page its bookmark goes to.
        page = pdf["bookmarks"][squeeze(chapter_title(path))] + 1
        assert f"{chapter_title(path)} {page}" in contents, chapter_title(path)


def test_equations_are_typeset_and_no_widget_placeholder_is_left(pdf):
    text = "\n".join(pdf["texts"])
    for raw in ["$$", "\\frac", "\\(", "\\[", "\\begin{", "Loading widgets", "[object"]:
        pages = [i + 1 for i, t in enumerate(pdf["texts"]) if raw in t]
        assert raw not in text, f"{raw!r} printed on pages {pages[:10]}"


@pytest.mark.parametrize("chapter", IDS)
def test_every_explorer_prints_one_plot_with_its_caption(pdf, chapter):
    path = pdf["chapters"][chapter]
    expected = explorer_count(path)
    pages = chapter_pages(pdf, path)
    plots = sum(image.image.size == (WIDTH, HEIGHT) for i in pages for image in pdf["reader"].pages[i].images)
    captions = sum(norm(pdf["texts"][i]).count(EXPLORER_NOTE) for i in pages)
    assert plots == expected, f"{plots} explorer plots printed, the chapter has {expected} explorers"
    assert captions == expected, f"{captions} explorer captions printed, the chapter has {expected} explorers"


def test_nothing_is_wider_than_the_page(pdf_build):
    _, log, _ = pdf_build
    if not log:
        pytest.skip("BOOK_PDF given: no build output to read")
    match = re.search(r"^blocks wider than the page: (\d+)$", log, re.M)
    assert match, "the build did not report its overflow check"
    assert match[1] == "0", log[match.start():][:2000]


def test_the_intro_and_the_workflow_point_at_the_deployed_pdf():
    url = site_url(yaml.safe_load((ROOT / "_config.yml").read_text())) + "book.pdf"
    assert f'href="{url}"' in (ROOT / "pages" / "intro.md").read_text(), f"the intro links {url}"
    # Built once, by the tests (into TESTED_SITE), and deployed as tested: the workflow builds neither.
    steps = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text())["jobs"]["test-and-build"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "python -m pytest" in runs and "build_pdf.py" not in runs and "jupyter-book build" not in runs
    uploads = [step["with"]["path"] for step in steps if "upload" in step.get("uses", "")]
    assert TESTED_SITE.relative_to(ROOT).as_posix() in uploads, "the workflow deploys the tested site"
    assert (TESTED_SITE / "book.pdf").relative_to(ROOT).as_posix() in uploads, "and attaches the tested PDF"


#: A chapter page printed from the browser, as a reader's Ctrl+P does: what is left on paper.
PRINTED = """() => {
  const shown = sel => [...document.querySelectorAll(sel)].filter(e => getComputedStyle(e).display !== 'none').length;
  const explorers = [...document.querySelectorAll('.book-explorer')];
  return {
    bars: shown('.bd-header, .bd-header-article, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer, '
                + '.prev-next-area, .copybtn, .search-button-field, .theme-switch-button'),
    sliders: shown('.book-explorer .widget-slider'),
    plots: explorers.map(e => [...e.querySelectorAll('img')].filter(i => i.offsetParent !== null).length),
    captions: explorers.map(e => getComputedStyle(e, '::after').content),
    folded: document.querySelectorAll('details.hide:not([open])').length,
    fading: [...document.querySelectorAll('details.hide[open] > summary ~ *')]
              .filter(e => getComputedStyle(e).animationName !== 'none').length,
    wrap: [...new Set([...document.querySelectorAll('article pre')].map(p => getComputedStyle(p).whiteSpace))],
    solutions: document.querySelectorAll('.cell.tag_hide-cell').length,
    solutionsAtEnd: document.querySelectorAll('.book-print-solutions .cell.tag_hide-cell').length,
    afterSummary: (() => {
      const end = document.querySelector('.book-print-solutions');
      const summary = [...document.querySelectorAll('article h2')].find(h => h.textContent.startsWith('Summary'));
      return !!(end && summary && (summary.compareDocumentPosition(end) & Node.DOCUMENT_POSITION_FOLLOWING));
    })(),
    pdf: [...document.querySelectorAll('.dropdown-download-buttons a')].filter(a => a.href.endsWith('/book.pdf'))
           .map(a => a.href),
  };
}"""


def test_printing_a_chapter_from_the_browser_gives_the_pdf_layout(site, browser):
    """Item 4 of the issue: Ctrl+P on a chapter page (assets/print.css, assets/scripts/pdf-link.js)."""
    from booktools.browser import SHOW_EXPLORERS, offline, serve

    chapter = next(f for f in CHAPTERS if explorer_count(ROOT / f"{f}.ipynb"))
    with serve(site) as base:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        seen = offline(page, base)
        page.goto(f"{base}/{chapter}.html")
        page.evaluate(SHOW_EXPLORERS)
        page.wait_for_selector(".book-explorer img", state="visible", timeout=15000)
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        page.emulate_media(media="print")
        printed = page.evaluate(PRINTED)
        explorers = page.locator(f"script[type='{WIDGET_VIEW}']").count()
        page.close()
    assert printed["bars"] == 0, "sidebars, bars or buttons are printed"
    assert printed["sliders"] == 0, "explorer sliders are printed"
    assert printed["plots"] == [1] * explorers, "each explorer prints one plot"
    assert printed["captions"] == [f'"{EXPLORER_NOTE}"'] * explorers
    assert printed["folded"] == 0, "hidden solutions stay folded in print"
    assert printed["fading"] == 0, "unfolded solutions fade in: printed at once, they would be blank"
    assert printed["wrap"] == ["pre-wrap"], f"code does not wrap: {printed['wrap']}"
    assert printed["solutions"] >= 2 and printed["solutionsAtEnd"] == printed["solutions"], (
        "every solution is printed in the section at the end, none under its exercise")
    assert printed["afterSummary"], "the solutions section comes after the summary"
    assert printed["pdf"] == [f"{base}/book.pdf"], "the download menu links the whole book's PDF at the site's root"
    assert seen == {"external": [], "failed": [], "errors": []}


#: An optional aside (issue 18): folded on the site, printed open in its chapter's flow.
ASIDE_CHAPTER = next((i for i in IDS if i.startswith("09_")), None)
ASIDE_HEADING = "Going deeper (optional): how large are Adam's steps?"
ASIDE_TEXT = "This aside is for readers who want to see Adam at work"
#: The first sentence of the main section that follows the aside.
AFTER_ASIDE = "Every module carries a flag"


@pytest.mark.skipif(ASIDE_CHAPTER is None, reason="no chapter 9")
def test_an_optional_aside_is_printed_open_in_its_chapters_flow(pdf):
    pages = chapter_pages(pdf, pdf["chapters"][ASIDE_CHAPTER])
    flow = norm("\n".join(pdf["texts"][i] for i in pages)).replace("\u2019", "'")
    heading, text = flow.find(ASIDE_HEADING), flow.find(ASIDE_TEXT)
    solutions = flow.find("Solutions to the exercises")
    assert heading >= 0, "the aside's heading is not printed"
    assert text > heading, "the aside's text is not printed under its heading"
    assert 0 <= flow.find(AFTER_ASIDE, text) < solutions, "the aside is not printed where it stands"
    assert "the limit of the largest step" in flow[text:solutions], "the aside's code output is not printed"


def test_links_into_the_book_go_to_pages_of_the_pdf(pdf):
    """The contents, the glossary terms and the cross-references link inside the PDF (the single
    page's links are local, booktools.pdf.singlehtml), never to the server it was printed from."""
    inside, to_the_server = 0, []
    for number, page in enumerate(pdf["reader"].pages, 1):
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            uri = (link.get("/A") or {}).get("/URI")
            if uri is None:
                inside += 1
            elif re.match(r"https?://(127\.0\.0\.1|localhost)[:/]", str(uri)):
                to_the_server.append(f"page {number}: {uri}")
    assert not to_the_server, f"{len(to_the_server)} links to the local server: {to_the_server[:5]}"
    assert inside >= 100, f"only {inside} links inside the PDF"
