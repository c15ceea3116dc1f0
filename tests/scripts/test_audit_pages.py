"""Finding every page of a build, and the URL that serves it."""
from __future__ import annotations

from scripts.audit_site.pages import BuiltPage, built_pages, page_url, url_path


def write(site, relative, text="<!doctype html>"):
    path = site / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def test_every_html_file_outside_assets_is_a_page_in_url_order(tmp_path):
    for relative in ["index.html", "404.html", "blog/cuckoo-filter/index.html", "blog/category/中文導讀/index.html",
                     "assets/javascripts/lunr/tinyseg.html", "search/search_index.json", "sitemap.xml"]:
        write(tmp_path, relative)
    assert [page.path for page in built_pages(tmp_path)] == ["", "404.html", "blog/category/中文導讀/", "blog/cuckoo-filter/"]


def test_a_page_knows_its_file_and_size(tmp_path):
    write(tmp_path, "tags/index.html", "<!doctype html><title>標籤</title>")
    assert built_pages(tmp_path) == [BuiltPage("tags/", "tags/index.html", len("<!doctype html><title>標籤</title>".encode()))]


def test_a_folders_index_is_served_as_the_folder():
    assert url_path("index.html") == ""
    assert url_path("blog/index.html") == "blog/"
    assert url_path("404.html") == "404.html"
    assert url_path("blog/not-index.html") == "blog/not-index.html"


def test_the_url_percent_encodes_chinese_folder_names():
    page = BuiltPage("blog/category/中文導讀/", "blog/category/中文導讀/index.html", 1)
    assert page_url("http://127.0.0.1:8123/", page) == "http://127.0.0.1:8123/blog/category/%E4%B8%AD%E6%96%87%E5%B0%8E%E8%AE%80/"
    assert BuiltPage("", "index.html", 1).label == "/"
