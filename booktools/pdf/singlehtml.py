"""The single page the PDF is printed from, made by Sphinx itself (`_config.yml`: `extra_extensions`).

Jupyter Book's `singlehtml` builder writes the whole book as one page, from the committed outputs
(nothing is executed). This extension replaces Sphinx's builder of that name with
:class:`SinglePage`, which writes the page as the PDF needs it:

- at the root of the build, as `book.html`, where the `_static/` and `_images/` it asks for are
  (Sphinx writes it as `<root>.html`, `pages/intro.html`, with the same relative addresses);
- its links into itself local (`#...`, Sphinx writes `pages/intro.html#...`), so that a link in
  the PDF goes to its page in the PDF;
- with the widget state of every chapter and the widget renderer (myst-nb adds them only to the
  page of the notebook they belong to; here they are read from what myst-nb recorded while it read
  each chapter in this same build, so the state and the views come from the same files);
- without the search index's tag (the theme's layout asks for `searchindex.js` on every page; the
  single page has none, and there is nothing to search on paper): its address becomes an empty
  script, which asks nothing of the server.

A site build (`html`) is not touched. Whatever is missing raises :class:`sphinx.errors.ExtensionError`.
"""

from __future__ import annotations

import json
import os
import re

from docutils import nodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.errors import ExtensionError

from booktools.widgets import WIDGET_STATE, WIDGET_VIEW

#: The file the single page is written to, at the root of the build.
PAGE = "book.html"
#: What the search index's address becomes: an empty script that no server is asked for.
NO_SEARCH_INDEX = "data:text/javascript,"


class SinglePage(SingleFileHTMLBuilder):
    """Sphinx's `singlehtml` builder, writing `book.html` with local links (see the module)."""

    name = "singlehtml"

    def get_outfilename(self, pagename: str) -> str:
        if pagename == self.config.root_doc:
            return os.path.join(self.outdir, PAGE)
        return super().get_outfilename(pagename)

    def fix_refuris(self, tree) -> None:
        # Sphinx makes `#document-x#section` into `<root>.html#section`; on one page it is `#section`.
        super().fix_refuris(tree)
        prefix = self.config.root_doc + self.out_suffix + "#"
        for ref in tree.findall(nodes.reference):
            if ref.get("refuri", "").startswith(prefix):
                ref["refuri"] = ref["refuri"][len(prefix) - 1:]


def widgets(env, docnames) -> tuple[dict, list[tuple[str, dict]]]:
    """The widget state of every document in one bundle (ids are named by content, so they never
    clash: one model per id), and the renderer's scripts, from what myst-nb recorded for each."""
    from myst_nb.sphinx_ import NbMetadataCollector

    state, renderer = {}, {}
    for docname in docnames:
        if docname not in getattr(env, "nb_metadata", {}):
            continue
        for key, (uri, attrs) in NbMetadataCollector.get_js_files(env, docname).items():
            if key == "ipywidgets_state":
                state.update(json.loads(attrs["body"])["state"])
            elif key.startswith("ipywidgets_"):
                renderer[uri] = attrs
    return {"version_major": 2, "version_minor": 0, "state": state}, list(renderer.items())


def _prepare(app, pagename, templatename, context, doctree):
    if not isinstance(app.builder, SinglePage) or pagename != app.config.root_doc:
        return
    bundle, renderer = widgets(app.env, sorted(app.env.found_docs))
    views = [json.loads(v)["model_id"] for v in
             re.findall(rf'<script type="{re.escape(WIDGET_VIEW)}">\s*(\{{.*?\}})\s*</script>', context["body"], re.S)]
    missing = [view for view in views if view not in bundle["state"]]
    if missing:
        raise ExtensionError(f"{len(missing)} widget views of the single page have no widget state: {missing}")
    if views and not renderer:
        raise ExtensionError("the single page shows widgets but myst-nb recorded no widget renderer (nb_ipywidgets_js)")
    # Added after booktools.site's clean-up (priority 900), which would make the renderer load
    # lazily (the PDF waits for every explorer at once), and placed after every other script.
    app.builder.add_js_file(None, priority=1000, type=WIDGET_STATE, body=json.dumps(bundle).replace("</", "<\\/"))
    for uri, attrs in renderer:
        app.builder.add_js_file(uri, priority=1000, **attrs)

    pathto = context["pathto"]

    def pathto_without_search_index(name, resource=False):
        return NO_SEARCH_INDEX if resource and name == "searchindex.js" else pathto(name, resource)

    context["pathto"] = pathto_without_search_index


def setup(app):
    app.add_builder(SinglePage, override=True)
    app.connect("html-page-context", _prepare, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
