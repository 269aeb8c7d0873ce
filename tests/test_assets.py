"""The files the site serves itself: downloaded ones verified by checksum, the book's own kept apart."""

import hashlib
import re

from conftest import ROOT

VENDOR = ROOT / "assets" / "vendor"
SUMS = VENDOR / "SHA256SUMS"


def listed():
    entries = {}
    for line in SUMS.read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        digest, path = line.split(maxsplit=1)
        entries[path.strip()] = digest
    return entries


def test_every_vendored_file_has_its_published_checksum():
    entries = listed()
    assert entries, "assets/vendor/SHA256SUMS lists no file"
    on_disk = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file() and p != SUMS}
    assert on_disk == set(entries), "files in assets/vendor/ and SHA256SUMS differ (run scripts/refresh_assets.sh)"
    changed = [path for path, digest in entries.items()
               if hashlib.sha256((VENDOR / path).read_bytes()).hexdigest() != digest]
    assert changed == [], "vendored files changed by hand; refresh them with scripts/refresh_assets.sh"


def test_checksums_name_the_packages_and_versions_the_refresh_script_installs():
    script = (ROOT / "scripts" / "refresh_assets.sh").read_text()
    versions = dict(re.findall(r"^(HTML_MANAGER|MATHJAX)=(\S+)", script, re.M))
    header = SUMS.read_text()
    assert f"@jupyter-widgets/html-manager@{versions['HTML_MANAGER']}" in header
    assert f"mathjax@{versions['MATHJAX']}" in header


def test_the_books_own_static_files_are_outside_vendor_and_what_the_site_loads():
    config = (ROOT / "_config.yml").read_text()
    ext = (ROOT / "booktools" / "site.py").read_text()
    for own in ["book.css", "scripts/mathjax2-shim.js", "scripts/fontawesome.js"]:
        assert (ROOT / "assets" / own).is_file(), own
    assert "scripts/mathjax2-shim.js" in ext
    for vendored in ["vendor/mathjax/tex-chtml.js", "vendor/widgets/embed.js"]:
        assert vendored in config and (ROOT / "assets" / vendored).is_file()
    assert "assets/vendor/** linguist-vendored" in (ROOT / ".gitattributes").read_text()
