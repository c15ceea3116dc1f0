"""What a page load asked of the network: its weight, and any request to another host.

A request is local when it goes to the site's own server (the same host and
port, whatever the scheme), or never leaves the browser (data:, blob:, about:).
Every other address, including another port of 127.0.0.1 or `localhost` for
127.0.0.1, counts as another host: the site must need nothing else.
"""
from __future__ import annotations

from urllib.parse import urlsplit

IN_BROWSER_SCHEMES = {"data", "blob", "about"}
DEFAULT_PORTS = {"http": 80, "ws": 80, "https": 443, "wss": 443}


def _host_and_port(url: str) -> tuple[str | None, int | None]:
    parts = urlsplit(url)
    return parts.hostname, parts.port or DEFAULT_PORTS.get(parts.scheme)


def foreign_requests(urls: list[str], site_url: str) -> list[str]:
    """The requested URLs that go anywhere but the server at `site_url`, in order, each once."""
    site = _host_and_port(site_url)
    foreign = [
        url for url in urls
        if urlsplit(url).scheme not in IN_BROWSER_SCHEMES and _host_and_port(url) != site
    ]
    return list(dict.fromkeys(foreign))


def page_weight(transfers: list[tuple[int, int]]) -> tuple[int, int]:
    """(requests, bytes) over the wire, from each finished request's (header bytes, body bytes);
    requests that Chromium answered from its memory cache, (0, 0), are not counted."""
    wire = [headers + body for headers, body in transfers if headers + body > 0]
    return len(wire), sum(wire)
