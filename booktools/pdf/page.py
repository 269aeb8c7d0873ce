"""The single page the PDF is printed from: the book's facts, the `singlehtml` build, the fixes.

Jupyter Book's `singlehtml` builder writes the whole book as one page (from the committed outputs,
nothing is executed) to `<root>.html` (`pages/intro.html`), but that page asks for `_static/` and
`_images/` next to the site's root and carries no widget state (myst-nb adds a notebook's state
only to that notebook's own page). :func:`fix_page` saves it as `book.html` at the root of the
build, makes its links into itself local (`#...`) and adds the widget state of every chapter and
the widget renderer.
"""

from __future__ import annotations

import datetime
import html
import json
import pathlib
import re
import subprocess
import tomllib

from booktools import command, toc_files
from booktools import edition as book_edition
from booktools.pdf.errors import PdfError
from booktools.widgets import WIDGET_STATE, WIDGET_VIEW

#: The search index the theme asks for on every page (pydata-sphinx-theme's layout.html writes the
#: tag itself, so it is not in the page's `script_files`). The single page has none (and there is
#: nothing to search on paper): the tag goes.
SEARCH_INDEX = re.compile(r"""<script\s+src=(["'])searchindex\.js\1\s*>\s*</script>""")


# ----------------------------------------------------------------------------- the book's facts
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


def book_facts(book: pathlib.Path, config: dict) -> dict:
    """What the title page, the footer and the PDF's information say: title, subtitle, author,
    edition, the site's address and the repository's."""
    return {
        "title": config.get("title", ""),
        "subtitle": config.get("description", ""),
        "author": config.get("author", ""),
        "edition": edition(book),
        "url": site_url(config),
        "repository": (config.get("repository") or {}).get("url", ""),
    }


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
        raise PdfError(f"the singlehtml build failed (exit {result.returncode}):\n{log[-3000:]}")
    return work / "_build" / "singlehtml", log


def fix_page(outdir: pathlib.Path, book: pathlib.Path, config: dict) -> pathlib.Path:
    """Save the single page as `book.html` at the root of the build, where `_static/` and
    `_images/` are found; make its links into itself local; add every chapter's widget state and
    the widget renderer (the site's, from `nb_ipywidgets_js`); drop the search index's tag."""
    root, *files = toc_files(book)
    page = (outdir / f"{root}.html").read_text()
    # The navigation and the contents link every chapter as `<root>.html#document-...`.
    page, links = re.subn(rf'href="{re.escape(root)}\.html(#[^"]*)?"', lambda m: f'href="{m[1] or "#"}"', page)
    if not links:
        raise PdfError(f"no link to {root}.html#... in the single page: has the singlehtml builder changed "
                       "how it links the book's documents?")
    bundle = widget_state(book, files)
    views = re.findall(rf'<script type="{re.escape(WIDGET_VIEW)}">\s*(\{{.*?\}})\s*</script>', page, re.S)
    missing = [json.loads(v)["model_id"] for v in views if json.loads(v)["model_id"] not in bundle["state"]]
    if missing:
        raise PdfError(f"{len(missing)} widget views have no state in the notebooks (was a chapter re-executed "
                       f"during the build? build again): {missing}")
    state = json.dumps(bundle).replace("</", "<\\/")
    renderers = ((config.get("sphinx") or {}).get("config") or {}).get("nb_ipywidgets_js") or {}
    scripts = [f'<script type="{WIDGET_STATE}">{state}</script>']
    for src, attrs in renderers.items():
        url = src if re.match(r"(https?:)?//", src) else f"_static/{src}"
        extra = "".join(f' {k}="{html.escape(str(v))}"' for k, v in (attrs or {}).items())
        scripts.append(f'<script src="{url}"{extra}></script>')
    page = page.replace("</head>", "\n".join(scripts) + "\n</head>", 1)
    page, found = SEARCH_INDEX.subn("", page)
    if found != 1:
        raise PdfError(f"the single page asks for searchindex.js {found} times, not once: has the theme changed "
                       "how it loads the search index? (booktools/pdf/page.py, SEARCH_INDEX)")
    target = outdir / "book.html"
    target.write_text(page)
    return target
