"""The site's icon font, cut down to the icons its pages use (called by `booktools/site.py`).

pydata-sphinx-theme draws its icons from Font Awesome 6's solid font, 156 kB as woff2, with every
icon. The site uses about twenty. When a build ends, :func:`subset_icon_font` writes a subset of
the theme's own TrueType file with just those glyphs (a few kB, WOFF; fontTools comes with
matplotlib), and `assets/book.css` points the font family at it.
"""

from __future__ import annotations

import pathlib
import re

#: Icons the theme's scripts add to a page after it loads (they are not in the built HTML).
SCRIPT_ICONS = {"fa-xmark", "fa-book"}  # fa-book: the PDF entry assets/scripts/pdf-link.js adds
#: Brand icons, drawn by `assets/book.css` as an SVG mask (not from the solid font).
BRAND_ICONS = {"fa-github"}
#: Paths under the built site's `_static/`.
SUBSET = "vendor/fontawesome/webfonts/fa-solid-900-subset.woff"
THEME_FONT = "vendor/fontawesome/webfonts/fa-solid-900.ttf"
THEME_CSS = "styles/pydata-sphinx-theme.css"


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


def subset_icon_font(html_dir: pathlib.Path) -> pathlib.Path | None:
    """Write the subset font into the built site at `html_dir`; return its path (None: no theme font)."""
    from fontTools import subset

    static = html_dir / "_static"
    if not (static / THEME_FONT).exists():
        return None
    icons = icon_codepoints((static / THEME_CSS).read_text(encoding="utf-8"))
    codepoints = sorted({icons[name] for name in used_icons(html_dir) - BRAND_ICONS if name in icons})
    options = subset.Options()
    options.flavor = "woff"  # zlib: fontTools needs no extra module for it (woff2 needs brotli)
    options.layout_features = []
    font = subset.load_font(str(static / THEME_FONT), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    subset.save_font(font, str(static / SUBSET), options)
    return static / SUBSET
