"""The whole book as one PDF: every chapter, equations typeset, one plot per explorer.

    python scripts/build_pdf.py                           # writes _build/pdf/book.pdf
    python scripts/build_pdf.py --out _build/html/book.pdf   # into the built site (the workflow)

How: Jupyter Book's `singlehtml` builder writes the whole book as one page (from the committed
outputs, nothing is executed). That page is written to `<root>.html` (`pages/intro.html`) but asks
for `_static/` and `_images/` next to the site's root, and it carries no widget state (myst-nb adds
a notebook's state only to that notebook's own page). So the page is saved as `book.html` at the
root of the build, its links into itself made local (`#...`), the widget state of every chapter
and the widget renderer added. Headless Chromium opens it from a local server (every request
leaving the machine is blocked), waits until MathJax has typeset every formula and every explorer
shows its plot (the one the reader sees first on the site), adds a title page and a table of
contents, and prints it with the book's print style (`assets/print.css`: no sidebars, buttons or
navigation; code wraps; every chapter on a new page). The PDF has bookmarks from the headings
(one per chapter) and its printed contents give each chapter's page.

Hidden solutions (cells tagged `hide-cell`) are printed unfolded (on paper nothing can be clicked),
in a section "Solutions to the exercises" at the end of each chapter, after its summary, so that
no answer is printed under its exercise.
"""

from __future__ import annotations

import argparse
import datetime
import html
import io
import json
import logging
import pathlib
import re
import subprocess
import sys
import tempfile
import time
import tomllib

import yaml

from booktools import ROOT, command
from booktools import edition as book_edition
from booktools.browser import CHROMIUM_ARGS, chromium_path, serve
from booktools.widgets import WIDGET_STATE, WIDGET_VIEW

#: pypdf warns "Object count ... exceeds defined trailer size" on every PDF Chromium writes.
logging.getLogger("pypdf").setLevel(logging.ERROR)

DEFAULT_OUT = ROOT / "_build" / "pdf" / "book.pdf"
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


# ----------------------------------------------------------------------------- the book's facts
def toc_entries(book: pathlib.Path) -> tuple[str, list[str]]:
    """The root page and every other file of `_toc.yml`, in order (without extension)."""
    toc = yaml.safe_load((book / "_toc.yml").read_text())
    files = [chapter["file"] for part in toc.get("parts", []) for chapter in part.get("chapters", [])]
    return toc["root"], files


def site_url(config: dict) -> str:
    """`html.baseurl` if set, else the GitHub Pages address of `repository.url`."""
    base = (config.get("html") or {}).get("baseurl")
    if base:
        return base.rstrip("/") + "/"
    repo = (config.get("repository") or {}).get("url", "")
    match = re.match(r"https://github\.com/([^/]+)/([^/]+?)/?$", repo)
    return f"https://{match[1].lower()}.github.io/{match[2]}/" if match else repo


def edition(book: pathlib.Path) -> str:
    """'Version 1.1.0, commit abc1234 of 2026-11-30.' (the date of today outside a git clone), then
    when and with what nbval last checked the stored outputs (`booktools.edition`)."""
    version = ""
    pyproject = book / "pyproject.toml"
    if pyproject.is_file():
        version = tomllib.loads(pyproject.read_text()).get("project", {}).get("version", "")
    commit = None
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=book, capture_output=True,
                             text=True, check=True).stdout.strip()
        if pathlib.Path(top).resolve() == book.resolve():
            commit = subprocess.run(["git", "log", "-1", "--format=%h %cs"], cwd=book, capture_output=True,
                                    text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        pass
    parts = [f"Version {version}"] if version else []
    if commit:
        parts.append(f"commit {commit[0]} of {commit[1]}")
    else:
        parts.append(f"built on {datetime.date.today().isoformat()}")
    return ", ".join(parts) + ". " + book_edition.outputs_sentence()


def widget_state(book: pathlib.Path, files: list[str]) -> dict:
    """The widget state of every chapter in one bundle (ids are named by content, so they never
    clash: one model per id)."""
    state = {}
    for name in files:
        path = book / f"{name}.ipynb"
        if path.is_file():
            bundle = json.loads(path.read_text()).get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {})
            state.update(bundle.get("state", {}))
    return {"version_major": 2, "version_minor": 0, "state": state}


# ----------------------------------------------------------------------------- the single page
def build_single_page(book: pathlib.Path, work: pathlib.Path) -> tuple[pathlib.Path, str]:
    """`jupyter-book build --builder singlehtml`; returns the output folder and the build log."""
    result = subprocess.run(
        [command("jupyter-book"), "build", "--builder", "singlehtml",
         "--path-output", str(work), str(book)],
        capture_output=True, text=True, timeout=600,
    )
    log = result.stdout + result.stderr
    if result.returncode != 0:
        sys.exit(f"the singlehtml build failed (exit {result.returncode}):\n{log[-3000:]}")
    return work / "_build" / "singlehtml", log


def fix_page(outdir: pathlib.Path, book: pathlib.Path, config: dict) -> pathlib.Path:
    """Save the single page as `book.html` at the root of the build, where `_static/` and
    `_images/` are found; make its links into itself local; add every chapter's widget state and
    the widget renderer (the site's, from `nb_ipywidgets_js`)."""
    root, files = toc_entries(book)
    page = (outdir / f"{root}.html").read_text()
    page = re.sub(rf'href="{re.escape(root)}\.html(#[^"]*)?"', lambda m: f'href="{m[1] or "#"}"', page)
    bundle = widget_state(book, files)
    views = re.findall(rf'<script type="{re.escape(WIDGET_VIEW)}">\s*(\{{.*?\}})\s*</script>', page, re.S)
    missing = [json.loads(v)["model_id"] for v in views if json.loads(v)["model_id"] not in bundle["state"]]
    if missing:
        sys.exit(f"{len(missing)} widget views have no state in the notebooks (was a chapter re-executed "
                 f"during the build? build again): {missing}")
    state = json.dumps(bundle).replace("</", "<\\/")
    renderers = ((config.get("sphinx") or {}).get("config") or {}).get("nb_ipywidgets_js") or {}
    scripts = [f'<script type="{WIDGET_STATE}">{state}</script>']
    for src, attrs in renderers.items():
        url = src if re.match(r"(https?:)?//", src) else f"_static/{src}"
        extra = "".join(f' {k}="{html.escape(str(v))}"' for k, v in (attrs or {}).items())
        scripts.append(f'<script src="{url}"{extra}></script>')
    page = page.replace("</head>", "\n".join(scripts) + "\n</head>", 1)
    # The single page has no search index (and nothing to search on paper).
    page = page.replace('<script src="searchindex.js"></script>', "")
    target = outdir / "book.html"
    target.write_text(page)
    return target


# ----------------------------------------------------------------------------- the browser
READY = """() => {
  const math = [...document.querySelectorAll('.math')];
  const views = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
  // The renderer puts each view in a <div class="widget-subarea"> just before its <script>.
  const shown = views.filter(v => {
    const area = v.previousElementSibling;
    return area && area.classList.contains('widget-subarea') && [...area.querySelectorAll('img')]
      .some(img => img.complete && img.naturalWidth > 0 && img.offsetParent !== null);
  });
  return {math: math.length, raw: math.filter(m => !m.querySelector('mjx-container')).length,
          views: views.length, plots: shown.length};
}"""

#: Title page, contents, chapter headings one level up (chapters are top-level bookmarks), every
#: hidden solution unfolded. Runs once, in the page; returns the contents' entries and every
#: heading's text (to give the bookmarks their titles back where a heading wrapped).
PREPARE = """(book) => {
  const article = document.querySelector('article.bd-article');
  const text = h => [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))
                      .map(n => n.textContent).join('').replace(/\\s+/g, ' ').trim();
  document.title = book.title;
  document.documentElement.classList.add('book-pdf');
  const root = article.querySelector('section');
  const entries = [{id: root.id, title: text(root.querySelector('h1')), label: 'Introduction'}];
  // Chapters (and the reference pages) are <h2> inside the introduction's section in a single
  // page: promote every heading of those documents one level, so each is an <h1> bookmark.
  for (const span of article.querySelectorAll('span[id^="document-"]')) {
    const section = span.nextElementSibling;
    if (!section) continue;
    for (const h of [...section.querySelectorAll('h2, h3, h4, h5, h6')]) {
      const promoted = document.createElement('h' + (Number(h.tagName[1]) - 1));
      for (const a of h.attributes) promoted.setAttribute(a.name, a.value);
      while (h.firstChild) promoted.appendChild(h.firstChild);
      h.replaceWith(promoted);
    }
    const title = section.querySelector('h1');
    if (title) entries.push({id: span.id, title: text(title), label: text(title)});
    // Solutions are not printed under their exercises (a reader would see the answer before
    // trying): they move to a section at the end of the chapter, after the summary, with the
    // function Ctrl+P uses (assets/scripts/pdf-link.js).
    if (typeof window.bookMoveSolutions !== 'function') throw new Error('pdf-link.js is not loaded');
    window.bookMoveSolutions(section, null);
  }
  for (const d of document.querySelectorAll('details')) d.open = true;
  const esc = s => s.replace(/[&<>"]/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]));
  const front = document.createElement('div');
  front.innerHTML = `
    <section class="book-pdf-titlepage">
      <p class="book-pdf-title">${esc(book.title)}</p>
      ${book.subtitle ? `<p class="book-pdf-subtitle">${esc(book.subtitle)}</p>` : ''}
      <p class="book-pdf-author">${esc(book.author)}</p>
      <p class="book-pdf-edition">${esc(book.edition)}</p>
      <p class="book-pdf-url">Read it online, with the interactive plots:
        <a href="${esc(book.url)}">${esc(book.url)}</a></p>
      <p class="book-pdf-url">Source and notebooks: <a href="${esc(book.repository)}">${esc(book.repository)}</a></p>
    </section>
    <nav class="book-pdf-contents" aria-label="Contents">
      <h1 id="book-pdf-contents">Contents</h1>
      <ol>${entries.map(e => `<li><a href="#${esc(e.id)}"><span class="book-pdf-entry">${esc(e.label)}</span>
        <span class="book-pdf-page" data-id="${esc(e.id)}">000</span></a></li>`).join('')}</ol>
    </nav>`;
  article.prepend(...front.children);
  const headings = [...article.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(text);
  return {entries, headings};
}"""

#: Elements that stick out to the right of the text column (code that does not wrap, a wide
#: table or formula): cut at the edge of the paper. MathJax's hidden speech text does not count.
OVERFLOW = """() => {
  const article = document.querySelector('article.bd-article');
  const right = article.getBoundingClientRect().right + 1;
  const wide = e => e.getClientRects().length && e.getBoundingClientRect().right > right;
  return [...article.querySelectorAll('*')]
    .filter(e => wide(e) && !e.closest('mjx-assistive-mml') && !(e.parentElement && wide(e.parentElement)))
    .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}: ${e.textContent.trim().slice(0, 60)}`);
}"""

#: Write the page numbers into the contents; true where one changed.
NUMBER = """(numbers) => [...document.querySelectorAll('.book-pdf-page')].map(el => {
  const n = String(numbers[el.dataset.id] || '');
  const changed = el.textContent !== n;
  el.textContent = n;
  return changed;
})"""


def column_width_px() -> float:
    """The width of the text on the paper, in CSS pixels (96 per inch)."""
    paper_mm = {"A4": 210.0}[PDF_OPTIONS["format"]]
    margins = PDF_OPTIONS["margin"]
    text_mm = paper_mm - float(margins["left"].removesuffix("mm")) - float(margins["right"].removesuffix("mm"))
    return text_mm / 25.4 * 96


def squeeze(text: str) -> str:
    """A title without its white space: a heading that wraps loses the space at the break in its
    bookmark ("andbatches"); one at the foot of a page can come out twice ("PitfallsPitfalls")."""
    text = "".join(text.split())
    half = text[: len(text) // 2]
    return half if text and text == half * 2 else text


def outline_pages(pdf: bytes) -> dict[str, int]:
    """{bookmark title, squeezed: page number (from 1)} for the first bookmark of each title."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    pages: dict[str, int] = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                pages.setdefault(squeeze(item.title), reader.get_destination_page_number(item) + 1)

    walk(reader.outline)
    return pages


def print_pdf(page_file: pathlib.Path, book: dict, timeout_s: float) -> tuple[bytes, dict]:
    """Open the single page in headless Chromium, wait for math and plots, print it."""
    from playwright.sync_api import sync_playwright

    chromium = chromium_path()
    if not pathlib.Path(chromium).exists():
        sys.exit(f"Chromium not found at {chromium}: install it (apt-get install chromium) or set CHROMIUM")
    failed, external, errors = [], [], []
    with serve(page_file.parent) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 1400}, color_scheme="light")
        page.add_init_script("localStorage.setItem('theme', 'light'); localStorage.setItem('mode', 'light');")

        def route(r):
            if r.request.url.startswith(base + "/"):
                r.continue_()
            else:
                external.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}/{page_file.name}", wait_until="load")
        deadline = time.monotonic() + timeout_s
        while True:
            status = page.evaluate(READY)
            if status["math"] and not status["raw"] and status["plots"] == status["views"]:
                break
            if time.monotonic() > deadline:
                browser.close()
                sys.exit(f"timed out after {timeout_s:.0f} s waiting for MathJax and the explorers: {status} "
                         f"(formulas, formulas not typeset, widget views, views showing a plot); "
                         f"failed requests: {failed[:5]}; page errors: {errors[:5]}")
            page.wait_for_timeout(250)
        page.evaluate("document.fonts.ready.then(() => true)")
        prepared = page.evaluate(PREPARE, book)
        page.emulate_media(media="print")
        page.set_viewport_size({"width": round(column_width_px()), "height": 1400})
        overflow = page.evaluate(OVERFLOW)
        options = dict(PDF_OPTIONS, footer_template=FOOTER.format(title=html.escape(book["title"])))
        for _ in range(3):  # number the contents; print again until the numbers hold
            pdf = page.pdf(**options)
            pages = outline_pages(pdf)
            numbers = {e["id"]: pages.get(squeeze(e["title"])) for e in prepared["entries"]}
            if not any(page.evaluate(NUMBER, numbers)):
                break
        browser.close()
    if failed:
        sys.exit("requests failed while printing (a missing file?):\n" + "\n".join(failed))
    unnumbered = [title for title, n in numbers.items() if not n]
    if unnumbered:
        sys.exit(f"no bookmark found for {unnumbered}")
    info = {"documents": [e["title"] for e in prepared["entries"]], "headings": prepared["headings"],
            "overflow": overflow, "explorers": status["views"], "math": status["math"], "external_blocked": external,
            "page_errors": errors}
    return pdf, info


def finish(pdf: bytes, book: dict, headings: list[str]) -> bytes:
    """The bookmarks get their headings' titles back (with the spaces a wrapped heading lost);
    author and subject go into the document's information."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    titles = {squeeze(h): h for h in headings}
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))

    def walk(item):
        while item is not None:
            item = item.get_object()
            title = titles.get(squeeze(str(item.get("/Title", ""))))
            if title:
                item[NameObject("/Title")] = TextStringObject(title)
            walk(item.get("/First"))
            item = item.get("/Next")

    outlines = writer.root_object.get("/Outlines")
    if outlines is not None:
        walk(outlines.get_object().get("/First"))
    writer.add_metadata({"/Title": book["title"], "/Author": book["author"],
                         "/Subject": f"{book['edition']}; {book['url']}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build(book_dir: pathlib.Path, out: pathlib.Path, work: pathlib.Path | None = None,
          timeout_s: float = 120.0) -> dict:
    """Build `out` from the book in `book_dir`; returns what was measured."""
    start = time.perf_counter()
    config = yaml.safe_load((book_dir / "_config.yml").read_text())
    with tempfile.TemporaryDirectory(prefix="book-pdf-") as tmp:
        work = work or pathlib.Path(tmp)
        outdir, log = build_single_page(book_dir, work)
        built = time.perf_counter()
        page_file = fix_page(outdir, book_dir, config)
        book = {
            "title": config.get("title", ""),
            "subtitle": config.get("description", ""),
            "author": config.get("author", ""),
            "edition": edition(book_dir),
            "url": site_url(config),
            "repository": (config.get("repository") or {}).get("url", ""),
        }
        pdf, info = print_pdf(page_file, book, timeout_s)
    pdf = finish(pdf, book, info.pop("headings"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    from pypdf import PdfReader

    info.update({
        "pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "size_mb": round(len(pdf) / 1e6, 2),
        "singlehtml_s": round(built - start, 1),
        "total_s": round(time.perf_counter() - start, 1),
        "warnings": [line for line in log.splitlines() if "WARNING" in line],
    })
    return info


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT,
                        help=f"where to write the PDF (default: {DEFAULT_OUT.relative_to(ROOT)})")
    parser.add_argument("--book", type=pathlib.Path, default=ROOT, help="the book's folder (default: this clone)")
    parser.add_argument("--workdir", type=pathlib.Path,
                        help="keep the singlehtml build here (default: a temporary folder)")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds to wait for MathJax and the explorers (default: 120)")
    args = parser.parse_args(argv)
    info = build(args.book.resolve(), args.out.resolve(), args.workdir and args.workdir.resolve(), args.timeout)
    for warning in info["warnings"]:
        print(warning)
    print(f"{args.out}: {info['pages']} pages, {info['size_mb']} MB, {len(info['documents'])} documents, "
          f"{info['explorers']} explorers, {info['math']} formulas; singlehtml build {info['singlehtml_s']} s, "
          f"total {info['total_s']} s")
    print(f"blocks wider than the page: {len(info['overflow'])}")
    for item in info["overflow"]:
        print(f"  {item}")
    if info["external_blocked"]:
        print(f"blocked {len(info['external_blocked'])} requests to other hosts: {info['external_blocked'][:3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
