"""The built site: internal links resolve, nothing from a CDN, no decoy pages."""

import re
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.slow  # builds the site

HREF = re.compile(r'(?:href|src)="([^"]+)"')
ID = re.compile(r'\bid="([^"]+)"')


def test_internal_links_and_anchors_resolve(site):
    pages = sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)
    ids = {p: set(ID.findall(p.read_text())) for p in pages}
    broken = []
    for page in pages:
        for link in HREF.findall(page.read_text()):
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:", "data:", "javascript:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
            elif parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in ids.get(target, set(ID.findall(target.read_text()))):
                    broken.append(f"{page.relative_to(site)} -> {link} (no such anchor)")
    assert broken == []


def test_pages_load_no_script_or_style_from_another_host(site):
    offenders = []
    for page in (p for p in site.rglob("*.html") if "_static" not in p.parts):
        for tag in re.findall(r"<(?:script|link)[^>]+>", page.read_text()):
            remote = re.search(r'(?:src|href)="(?:https?:)?//', tag)
            if remote and (tag.startswith("<script") or "stylesheet" in tag or "preload" in tag):
                offenders.append(f"{page.name}: {tag}")
    assert offenders == []


def test_environment_folders_in_the_tree_are_not_read(site):
    # The site fixture builds a copy of the book with DECOYS under .venv/, venv/ and env/ (and a
    # broken checkpoint); it already failed on any warning. No decoy may become a page either.
    from conftest import DECOYS

    assert DECOYS
    pages = [p for p in site.rglob("*.html") if "_static" not in p.parts]
    leaked = [str(p.relative_to(site)) for p in pages
              if "decoy" in str(p).lower() or "Decoy from" in p.read_text()]
    assert leaked == []
    assert not any(part in {".venv", "venv", "env"} for p in site.rglob("*") for part in p.relative_to(site).parts)


def test_icon_font_subset_holds_every_icon_the_pages_use(site):
    # booktools/site.py replaces the theme's 156 kB icon font with a subset of the icons the
    # pages use; an icon missing from it would show as an empty box.
    from fontTools.ttLib import TTFont

    from booktools import icons as site_icons

    static = site / "_static"
    icons = site_icons.icon_codepoints((static / site_icons.THEME_CSS).read_text())
    used = {name for name in site_icons.used_icons(site) - site_icons.BRAND_ICONS if name in icons}
    assert {"fa-magnifying-glass", "fa-sun", "fa-moon", "fa-rocket", "fa-xmark"} <= used
    cmap = TTFont(static / site_icons.SUBSET).getBestCmap()
    assert sorted(name for name in used if icons[name] not in cmap) == []
    assert (static / site_icons.SUBSET).stat().st_size < 10_000
    assert "fa-solid-900-subset.woff" in (static / "book.css").read_text()


def test_widget_renderer_is_loaded_only_by_pages_with_explorers(site):
    for page in (p for p in site.rglob("*.html") if "_static" not in p.parts):
        text = page.read_text()
        has_widgets = "application/vnd.jupyter.widget-view+json" in text
        assert ("scripts/explorers.js" in text) == has_widgets, page.name
        assert 'src="../_static/vendor/widgets/embed.js' not in text, f"{page.name} loads the renderer up front"


def test_chapter_pages_name_each_solution_toggle_and_launch_colab_on_the_copy(site):
    # A toggle says what it hides ("Solution to exercise 1", not "Show code cell content"), and
    # the Colab button opens colab/<chapter>.ipynb, which stores no output under the solutions.
    from conftest import toc_files

    from booktools import colab

    for entry in (f for f in toc_files() if f.startswith("notebooks/")):
        text = (site / f"{entry}.html").read_text()
        name = entry.removeprefix("notebooks/")
        assert re.search(r"<summary[^>]*>.*?Solution to exercise 1\b", text, re.S), name
        assert "Show code cell content" not in text, f"{name}: a toggle does not say what it hides"
        links = re.findall(r'href="(https://colab\.research\.google\.com/[^"]+)"', text)
        assert links and all(link.endswith(f"/{colab.COPIES}/{name}.ipynb") for link in links), (name, links)
