"""Serve a built site on 127.0.0.1 and find the Chromium that opens it (browser tests, benchmark)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading

#: Flags for a headless Chromium in a sandbox with no network (background requests would fail).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str:
    """`$CHROMIUM` if set (the workflow points it at Google Chrome), else Debian's `chromium`."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory):
    """Serve `directory` on a free port of 127.0.0.1; yields the base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=directory))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


#: How a page brings in its explorers (assets/scripts/explorers.js loads the widget renderer
#: when an explorer comes near the screen): scroll the first one into view.
SHOW_EXPLORERS = """() => {
    const view = document.querySelector('script[type="application/vnd.jupyter.widget-view+json"]');
    if (view) view.parentElement.scrollIntoView();
    return Boolean(view);
}"""


def gzip_bytes(responses) -> int:
    """What `responses` (Playwright responses) weigh as a gzip-serving host sends them (level 6)."""
    import gzip

    total = 0
    for response in responses:
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            continue
        total += len(gzip.compress(body, 6))
    return total


def offline(page, base: str) -> dict[str, list]:
    """Keep ``page`` on the local server at ``base``: every other request is blocked. Returns the
    lists it fills as the page runs: ``external`` (URLs blocked), ``failed`` ("status URL" of every
    response of 400 or more, and requests that failed), ``errors`` (uncaught page errors and
    console errors). The one offline set-up of the browser tests, the PDF build and the benchmark."""
    seen = {"external": [], "failed": [], "errors": []}

    def route(r):
        if r.request.url.startswith(base + "/"):
            r.continue_()
        else:
            seen["external"].append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("response", lambda r: seen["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed",  # a blocked request fails too: it is counted once, in `external`
            lambda r: seen["failed"].append(f"failed {r.url}") if r.url.startswith(base + "/") else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    return seen
