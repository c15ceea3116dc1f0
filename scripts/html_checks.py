"""Two checkers of the built HTML: axe-core (accessibility, in Chromium) and the Nu Html Checker (markup).

Both are pinned npm packages (package.json): axe-core is injected into a page
opened by Playwright; the Nu Html Checker is vnu.jar, run by Debian's Java.
The browser tests and the Nu test use them; run as a script, they report on a
built site, with each page's weight:

    python -m scripts.html_checks [--site site]
"""
from __future__ import annotations

import argparse
import json
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO_ROOT = Path(__file__).resolve().parents[1]
AXE_SCRIPT = REPO_ROOT / "node_modules/axe-core/axe.min.js"
VNU_JAR = REPO_ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
SCHEMES = ("light", "dark")
# What a reader of any page meets that axe counts as failing WCAG AA.
BLOCKING_IMPACTS = ("serious", "critical")
MATH_SETTLED = 'html[data-math="typeset"], html[data-math="none"]'


def built_page_paths(site: Path) -> list[str]:
    """URL paths of the built pages ('' for the home page, 'blog/x/'), found in the build.

    Every page is an index.html (use_directory_urls); assets/ holds none."""
    return sorted(
        "" if path.parent == site else f"{path.parent.relative_to(site).as_posix()}/"
        for path in site.rglob("index.html")
        if "assets" not in path.parts
    )


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now: rule id, impact, and each node's selector."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map(rule => ({
                id: rule.id,
                impact: rule.impact,
                nodes: rule.nodes.map(node => node.target.join(" ")),
            }));
        }"""
    )


def blocking(violations: list[dict]) -> list[dict]:
    return [rule for rule in violations if rule["impact"] in BLOCKING_IMPACTS]


@dataclass(frozen=True)
class NuError:
    file: str  # relative to the checked folder
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line or '?'}: {self.message}"


def nu_errors(site: Path) -> list[NuError]:
    """Every error the Nu Html Checker finds in the site's HTML files."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--skip-non-html", "--errors-only", "--format", "json", str(site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # vnu exits 1 when it finds errors; its JSON report goes to stderr either way.
    try:
        messages = json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        raise RuntimeError(f"vnu.jar did not report (exit {result.returncode}):\n{result.stderr}") from None
    return [
        NuError(
            file=Path(unquote(urlsplit(message["url"]).path)).relative_to(site.resolve()).as_posix(),
            line=message.get("lastLine"),
            message=message["message"],
        )
        for message in messages
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]


def open_settled(browser, url: str, scheme: str, width: int = 1280):
    """A new page at `url` in `scheme`, once its math and fonts are on the page."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, locale="zh-TW")
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(MATH_SETTLED, state="attached")
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    return page


def report(site: Path) -> None:
    from playwright.sync_api import sync_playwright  # a test dependency; imported only when measuring

    from scripts.bench_site.pageload import load_page
    from scripts.local_site import launch_chromium, serve_directory

    paths = built_page_paths(site)
    nodes_by_rule: dict[str, Counter] = {scheme: Counter() for scheme in SCHEMES}
    impacts: dict[str, str] = {}
    print(f"{'page':<58} {'HTML':>9} {'requests':>8} {'loaded':>10}")
    with serve_directory(site) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for path in paths:
            html_bytes = (site / path / "index.html").stat().st_size
            load = load_page(browser, server.url, path)
            print(f"/{path:<57} {html_bytes:>9,} {load.requests:>8} {load.bytes:>10,}")
            for scheme in SCHEMES:
                page = open_settled(browser, server.url + path, scheme)
                for rule in axe_violations(page):
                    nodes_by_rule[scheme][rule["id"]] += len(rule["nodes"])
                    impacts[rule["id"]] = rule["impact"]
                page.context.close()
        browser.close()
    print("\naxe violations (nodes, all pages):")
    for rule in sorted(impacts, key=lambda rule: (BLOCKING_IMPACTS + ("moderate", "minor")).index(impacts[rule])):
        counts = " / ".join(f"{scheme} {nodes_by_rule[scheme][rule]}" for scheme in SCHEMES)
        print(f"  {rule:<32} {impacts[rule]:<9} {counts}")
    errors = nu_errors(site)
    print(f"\nNu Html Checker: {len(errors)} errors")
    for file, count in sorted(Counter(error.file for error in errors).items()):
        print(f"  {file}: {count}")
    for message, count in Counter(error.message for error in errors).most_common():
        print(f"  {count:>4} × {message[:150]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO_ROOT / "site", help="a built site")
    args = parser.parse_args()
    report(args.site.resolve())


if __name__ == "__main__":
    main()
