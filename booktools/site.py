"""The book's small additions to the site, as a Sphinx extension (`_config.yml`: `sphinx: extra_extensions`).

1. Jupyter Book 1 registers some inline scripts twice on every page; the second copy of
   sphinx-thebe's `const THEBE_JS_URL` is a JavaScript error. The book does not use thebe (it
   launches Colab instead), so its scripts are dropped and any other duplicate is removed.
2. The widget renderer (`@jupyter-widgets/html-manager`) typesets labels with the MathJax 2 API,
   which MathJax 3 lacks; `assets/scripts/mathjax2-shim.js` (the book's own) forwards those calls to MathJax 3.
3. Light pages. On a page with widgets, the renderer `vendor/widgets/embed.js` is not loaded with
   the page: `assets/scripts/explorers.js` loads it when an explorer comes near the screen, and
   gives the explorers' sliders accessible names and a live region. And the theme's icon font
   (Font Awesome 6 solid, 156 kB) is replaced by a subset holding only the icons the site's
   pages use (a few kB), made from the theme's own TrueType file when the build ends
   (`booktools/icons.py`).
4. The Colab button opens the chapter's Colab copy (`colab/NN_name.ipynb`, see
   `booktools.colab`: no stored output under the solutions), not the notebook itself.
5. Accessibility. Docutils marks each bibliography entry `role="doc-biblioentry"`, a role that
   DPUB-ARIA 1.1 deprecated: axe-core then sees the citation list (`role="list"`) own the links
   inside the entries (a critical violation, aria-required-children). The entries become list
   items, which is what they are.
6. Optional asides. A section whose heading starts with "Going deeper (optional):" gets the class
   `book-aside` on its `<section>` (a light box, `assets/book.css`, with or without JavaScript);
   `assets/scripts/asides.js` then folds it into a `<details>` whose summary is the heading, closed
   until the reader opens it (or follows a link to it), and opened for printing. Marking the
   section here and folding it in the page keeps the heading's id and the page's table of contents
   as Sphinx made them, and leaves the aside open and readable where no script runs.
7. The edition. The footer of every page, and the substitutions the intro uses (`{{ version }}`,
   `{{ outputs_checked }}`, `{{ colab_versions }}`), are made from `booktools.edition` and
   `booktools.colab` when the build starts: the version from pyproject.toml, the versions and
   date of the last passing nbval run from its record, Colab's versions from their one home.
"""

import pathlib

from docutils import nodes

from booktools import colab, edition
from booktools.icons import subset_icon_font

EMBED = "vendor/widgets/embed.js"
#: How an optional aside's heading starts (tests/test_structure.py checks the form).
ASIDE_PREFIX = "Going deeper (optional):"


def _clean_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, kept = set(), []
    for script in scripts:
        body = script.attributes.get("body", "")
        if "THEBE_JS_URL" in body or "sphinx-thebe" in (script.filename or ""):
            continue
        if (script.filename or "").endswith(EMBED):  # loaded later by explorers.js, when an explorer is near
            script = type(script)("_static/scripts/explorers.js", priority=script.priority,
                                  **{"data-embed": context["pathto"]("_static/" + EMBED, 1)})
        key = (script.filename, body)
        if key in seen:
            continue
        seen.add(key)
        kept.append(script)
    scripts[:] = kept


def _colab_opens_the_copy(app, pagename, templatename, context, doctree):
    # sphinx-book-theme adds the launch buttons at priority 501; this runs after it.
    prefix = "notebooks/"
    if not pagename.startswith(prefix):
        return
    for group in context.get("header_buttons", []):
        for button in group.get("buttons", []) if group.get("label") == "launch-buttons" else []:
            if button.get("text") == "Colab":
                copy = f"/{colab.COPIES}/{pagename[len(prefix):]}.ipynb"
                button["url"] = button["url"].replace(f"/{pagename}.ipynb", copy)


def _list_items_for_citations(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def _mark_asides(app, doctree, docname):
    for section in doctree.findall(nodes.section):
        title = section.next_node(nodes.title)
        if title is not None and title.parent is section and title.astext().startswith(ASIDE_PREFIX):
            section["classes"].append("book-aside")


def _subset_icon_font(app, exception):
    if exception is None and app.builder.format == "html":
        subset_icon_font(pathlib.Path(app.outdir))


def _edition(app, config):
    config.html_theme_options = {**(config.html_theme_options or {}), "extra_footer": edition.footer()}
    names = {"torch": "PyTorch", "numpy": "NumPy", "matplotlib": "matplotlib", "ipywidgets": "ipywidgets"}
    config.myst_substitutions = {
        **(config.myst_substitutions or {}),
        "version": edition.version(),
        "outputs_checked": edition.outputs_sentence(),
        "colab_versions": f"Python {colab.PYTHON}, "
                          + ", ".join(f"{names[k]} {colab.PACKAGES[k]}" for k in names)
                          + f" (Colab's own list, read on {colab.READ_ON})",
    }


def setup(app):
    app.connect("config-inited", _edition)
    app.add_js_file("scripts/mathjax2-shim.js", priority=100)
    app.add_js_file("scripts/asides.js")
    app.connect("doctree-resolved", _mark_asides)
    app.connect("html-page-context", _clean_scripts, priority=900)
    app.connect("html-page-context", _colab_opens_the_copy, priority=600)
    app.connect("html-page-context", _list_items_for_citations)
    app.connect("build-finished", _subset_icon_font)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
