"""Serve a built site on 127.0.0.1, list its pages, and open them in Debian's Chromium.

Shared by the browser tests, `make screenshots`, `make bench` and
scripts/html_checks.py. Playwright never downloads a browser here
(`playwright install` fails offline); it drives /usr/bin/chromium through
`executable_path`.
"""
from __future__ import annotations

import functools
import gzip
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


# What a static host (GitHub Pages, Netlify, Cloudflare Pages) sends gzipped. Files that
# are compressed already (the site's .gz search shards, images, wasm) go as they are.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
GZIP_LEVEL = 6  # gzip's and most hosts' default


class _CompressingHandler(_QuietHandler):
    """Answers a GET that accepts gzip with the file gzipped, when a static host would compress it."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the URL with a slash
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and content_type.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@dataclass(frozen=True)
class SiteServer:
    site_dir: Path
    url: str


def built_page_paths(site: Path) -> list[str]:
    """URL paths of the built pages ('' for the home page, 'blog/x/'), found in the build rather than listed by hand."""
    return sorted(
        "" if path.parent == site else f"{path.parent.relative_to(site).as_posix()}/"
        for path in site.rglob("index.html")
        if "assets" not in path.parts
    )


@contextmanager
def serve_directory(site_dir: Path, *, compress: bool = False) -> Iterator[SiteServer]:
    """Serve `site_dir` on a free port of 127.0.0.1; the directory may be built later.
    With `compress`, text files go gzipped to a browser that accepts it, as a static host sends them."""
    handler = functools.partial(_CompressingHandler if compress else _QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield SiteServer(site_dir, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def launch_chromium(playwright):
    """Debian's Chromium, headless, with the flags that work on these machines."""
    if not CHROMIUM.is_file():
        raise SystemExit(f"{CHROMIUM} is missing: run `make system-packages`")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
