"""Save screenshots of the built site for the README (`make screenshots`).

    python -m scripts.screenshots [--site site] [--out docs/assets/screenshots]

Each shot is a 1280×800 viewport of a page in Debian's Chromium, taken after
the page has loaded (its math is typeset at build).
"""
from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from scripts.local_site import launch_chromium, serve_directory

REPO_ROOT = Path(__file__).resolve().parents[1]
VIEWPORT = {"width": 1280, "height": 800}
SEARCH_QUERY = "布谷鸟过滤器"


def scroll_to(selector: str) -> Callable[[Page], None]:
    """Bring the first element matching `selector` near the top, below the sticky header."""

    def scroll(page: Page) -> None:
        page.locator(selector).first.evaluate(
            "element => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 120)"
        )

    return scroll


def search(page: Page) -> None:
    """A query typed in Simplified characters: the results are the Traditional pages."""
    page.keyboard.press("/")
    page.keyboard.type(SEARCH_QUERY, delay=50)
    page.wait_for_function(
        "query => document.querySelector('[data-kb-search]').dataset.searched === query", arg=SEARCH_QUERY
    )


@dataclass(frozen=True)
class Shot:
    file: str
    path: str
    color_scheme: str = "light"
    prepare: Callable[[Page], None] = lambda page: None


SHOTS = (
    Shot("home.png", ""),
    Shot("math-post.png", "blog/cuckoo-filter/", prepare=scroll_to("div.arithmatex")),
    Shot("timeline.png", "blog/mesos-vs-kubernetes/", prepare=scroll_to(".kb-timeline")),
    Shot("search-zh.png", "", prepare=search),
    Shot("dark-theme.png", "writing-guide/", color_scheme="dark", prepare=scroll_to("div.arithmatex")),
)


def take(browser, site_url: str, shot: Shot, out_dir: Path) -> Path:
    context = browser.new_context(viewport=VIEWPORT, color_scheme=shot.color_scheme, locale="zh-TW")
    page = context.new_page()
    page.goto(site_url + shot.path)
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    shot.prepare(page)
    page.wait_for_timeout(300)  # let the header settle after scrolling
    target = out_dir / shot.file
    page.screenshot(path=target)
    context.close()
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO_ROOT / "site", help="a built site")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs/assets/screenshots")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        raise SystemExit(f"{args.site}/index.html is missing: run `make build` first")
    args.out.mkdir(parents=True, exist_ok=True)
    with serve_directory(args.site) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for shot in SHOTS:
            target = take(browser, server.url, shot, args.out)
            print(f"{target.relative_to(REPO_ROOT)} ({target.stat().st_size // 1024} KiB)")
        browser.close()


if __name__ == "__main__":
    main()
