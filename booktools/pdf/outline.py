"""The PDF's bookmarks, read and finished with pypdf.

Chromium makes one bookmark per heading (chapters are top-level); the contents' page numbers are
read from them (:func:`outline_pages`), and :func:`finish` gives each bookmark its heading's title
back where a heading wrapped, and writes the document's information.
"""

from __future__ import annotations

import io
import logging

#: pypdf warns "Object count ... exceeds defined trailer size" on every PDF Chromium writes.
logging.getLogger("pypdf").setLevel(logging.ERROR)


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


def page_count(pdf: bytes) -> int:
    """How many pages the PDF has."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


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
