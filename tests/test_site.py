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
