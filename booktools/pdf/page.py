"""The single page the PDF is printed from: the book's facts, and the `singlehtml` build.

Jupyter Book's `singlehtml` builder writes the whole book as one page, from the committed outputs
(nothing is executed). The book's extension :mod:`booktools.pdf.singlehtml` (loaded by
`_config.yml`) makes Sphinx write it as the PDF needs it: `book.html` at the root of the build,
links into itself local, every chapter's widget state and the widget renderer, no search index.
"""

from __future__ import annotations

import datetime
import pathlib
import re
import subprocess
import tomllib

from booktools import command
from booktools import edition as book_edition
from booktools.pdf.errors import PdfError
from booktools.pdf.singlehtml import PAGE


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


# ----------------------------------------------------------------------------- the single page
def build_single_page(book: pathlib.Path, work: pathlib.Path) -> tuple[pathlib.Path, str]:
    """`jupyter-book build --builder singlehtml`; returns the page (`book.html`) and the build log."""
    result = subprocess.run(
        [command("jupyter-book"), "build", "--builder", "singlehtml",
         "--path-output", str(work), str(book)],
        capture_output=True, text=True, timeout=600,
    )
    log = result.stdout + result.stderr
    if result.returncode != 0:
        raise PdfError(f"the singlehtml build failed (exit {result.returncode}):\n{log[-3000:]}")
    page = work / "_build" / "singlehtml" / PAGE
    if not page.is_file():
        raise PdfError(f"the singlehtml build wrote no {PAGE}: is booktools.pdf.singlehtml in _config.yml's "
                       f"sphinx: extra_extensions?\n{log[-3000:]}")
    return page, log
