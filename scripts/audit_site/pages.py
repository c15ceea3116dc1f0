"""The pages of a built site: every HTML file outside assets/, and the URL that serves it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

INDEX = "index.html"
# Material's and the site's own files (MathJax, icons, stylesheets) are not pages.
NOT_PAGES = "assets"


@dataclass(frozen=True)
class BuiltPage:
    path: str  # below the site's root, as a reader's URL has it: "", "blog/cuckoo-filter/", "404.html"
    file: str  # the file under the site folder: "index.html", "blog/cuckoo-filter/index.html"
    html_bytes: int

    @property
    def label(self) -> str:
        return self.path or "/"


def url_path(file: str) -> str:
    """The URL path that serves `file`: a folder's index.html is served as the folder."""
    if file == INDEX:
        return ""
    if file.endswith("/" + INDEX):
        return file.removesuffix(INDEX)
    return file


def built_pages(site_dir: Path) -> list[BuiltPage]:
    """Every page of the build, found in it rather than listed by hand, in URL order."""
    pages = [
        BuiltPage(url_path(relative), relative, file.stat().st_size)
        for file in site_dir.rglob("*.html")
        if NOT_PAGES not in (relative := file.relative_to(site_dir).as_posix()).split("/")[:-1]
    ]
    return sorted(pages, key=lambda page: page.path)


def page_url(site_url: str, page: BuiltPage) -> str:
    """The page's address on the server at `site_url` (Chinese folder names percent-encoded)."""
    return site_url + quote(page.path)
