"""A page's weight and the detector of requests to any host but the local server."""
from __future__ import annotations

from scripts.audit_site.network import foreign_requests, page_weight

SITE = "http://127.0.0.1:8123/"


def test_requests_to_the_sites_own_server_are_local():
    urls = [SITE, f"{SITE}assets/stylesheets/main.css", "http://127.0.0.1:8123/pagefind/pagefind.js?ts=1"]
    assert foreign_requests(urls, SITE) == []


def test_requests_that_never_leave_the_browser_are_local():
    urls = ["data:image/svg+xml;base64,PHN2Zz4=", "blob:http://127.0.0.1:8123/6f1c", "about:blank"]
    assert foreign_requests(urls, SITE) == []


def test_third_party_hosts_are_foreign():
    urls = [f"{SITE}index.html", "https://unpkg.com/mermaid@11/dist/mermaid.min.js", "https://fonts.googleapis.com/css?family=Noto"]
    assert foreign_requests(urls, SITE) == ["https://unpkg.com/mermaid@11/dist/mermaid.min.js", "https://fonts.googleapis.com/css?family=Noto"]


def test_another_port_or_another_name_for_this_machine_is_foreign():
    urls = ["http://127.0.0.1:8000/", "http://localhost:8123/", "ws://127.0.0.1:8123/livereload"]
    assert foreign_requests(urls, SITE) == ["http://127.0.0.1:8000/", "http://localhost:8123/"]


def test_each_foreign_url_is_listed_once_in_order():
    urls = ["https://cdn.example/a.js", "https://cdn.example/b.js", "https://cdn.example/a.js"]
    assert foreign_requests(urls, SITE) == ["https://cdn.example/a.js", "https://cdn.example/b.js"]


def test_default_ports_match_their_scheme():
    assert foreign_requests(["http://example.org:80/x", "https://example.org/y"], "http://example.org/") == ["https://example.org/y"]


def test_weight_counts_header_and_body_bytes_of_requests_over_the_wire():
    # (header bytes, body bytes); (0, 0) is Chromium's memory cache.
    assert page_weight([(300, 30_000), (250, 1_200_000), (0, 0)]) == (2, 1_230_550)
    assert page_weight([]) == (0, 0)
