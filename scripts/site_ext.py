"""The book's small additions to the site, as a Sphinx extension (see `_config.yml`).

1. Jupyter Book 1 registers some inline scripts twice on every page; the second copy of
   sphinx-thebe's `const THEBE_JS_URL` is a JavaScript error. The book does not use thebe (it
   launches Colab instead), so its scripts are dropped and any other duplicate is removed.
2. The widget renderer (`@jupyter-widgets/html-manager`) typesets labels with the MathJax 2 API,
   which MathJax 3 lacks; `assets/scripts/mathjax2-shim.js` (the book's own) forwards those calls to MathJax 3.
3. Light pages. On a page with widgets, the renderer `vendor/widgets/embed.js` is not loaded with
   the page: `assets/scripts/explorers.js` loads it when an explorer comes near the screen, and
   gives the explorers' sliders accessible names and a live region. And the theme's icon font
   (Font Awesome 6 solid, 156 kB) is replaced by a subset holding only the icons the site's
   pages use (a few kB), made from the theme's own TrueType file when the build ends.
"""

import pathlib
import re

EMBED = "vendor/widgets/embed.js"
#: Icons the theme's scripts add to a page after it loads (not in the built HTML).
SCRIPT_ICONS = {"fa-xmark"}
SUBSET = "vendor/fontawesome/webfonts/fa-solid-900-subset.woff"
THEME_FONT = "vendor/fontawesome/webfonts/fa-solid-900.ttf"
THEME_CSS = "styles/pydata-sphinx-theme.css"


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


def icon_codepoints(css: str) -> dict[str, int]:
    """`{"fa-sun": 0xf185, ...}` from Font Awesome's stylesheet (aliases included)."""
    icons = {}
    for selectors, code in re.findall(r'([^{}]+)\{content:"\\([0-9a-f]{4,5})"\}', css):
        for name in re.findall(r"\.(fa-[a-z0-9-]+):+before", selectors):
            icons[name] = int(code, 16)
    return icons


def used_icons(html_dir: pathlib.Path) -> set[str]:
    """Every `fa-...` class of the built pages, plus those the theme's scripts add."""
    names = set(SCRIPT_ICONS)
    for page in html_dir.rglob("*.html"):
        for classes in re.findall(r'class="([^"]*\bfa-[^"]*)"', page.read_text(encoding="utf-8")):
            names.update(c for c in classes.split() if c.startswith("fa-"))
    return names


def _subset_icon_font(app, exception):
    if exception or app.builder.format != "html":
        return
    from fontTools import subset

    static = pathlib.Path(app.outdir) / "_static"
    if not (static / THEME_FONT).exists():
        return
    icons = icon_codepoints((static / THEME_CSS).read_text(encoding="utf-8"))
    codepoints = sorted({icons[name] for name in used_icons(pathlib.Path(app.outdir)) if name in icons})
    options = subset.Options()
    options.flavor = "woff"  # zlib: fontTools needs no extra module for it
    options.layout_features = []
    font = subset.load_font(str(static / THEME_FONT), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    subset.save_font(font, str(static / SUBSET), options)


def setup(app):
    app.add_js_file("scripts/mathjax2-shim.js", priority=100)
    app.connect("html-page-context", _clean_scripts, priority=900)
    app.connect("build-finished", _subset_icon_font)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
