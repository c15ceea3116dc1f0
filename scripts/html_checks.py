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
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.local_site import built_page_paths, launch_chromium, serve_directory

REPO_ROOT = Path(__file__).resolve().parents[1]
AXE_SCRIPT = REPO_ROOT / "node_modules/axe-core/axe.min.js"
VNU_JAR = REPO_ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
IMPACTS = ("critical", "serious", "moderate", "minor")  # axe's, most severe first
# Where axe looks at each page: both schemes on a desktop, and a phone, where more scrolls.
# (Colours do not change with the width: the phone is checked in one scheme.)
VIEWS = (("light", 1280), ("light", 375), ("dark", 1280))


# The site renders a block of text only when it nears the screen (content-visibility in
# extra.css); axe cannot measure the colours of a block not rendered, and would skip them.
# Everything is rendered before axe looks, so it checks every node a reader can scroll to, and
# two frames pass, so the page's scripts have seen each block shown (as they would on scrolling).
RENDER_EVERY_BLOCK = """() => {
    const style = document.createElement("style");
    style.textContent = "* { content-visibility: visible !important; }";
    document.head.append(style);
    return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now: rule id, impact, and each node's selector."""
    page.evaluate(RENDER_EVERY_BLOCK)
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


def open_settled(browser, url: str, scheme: str, width: int):
    """A new page at `url` in `scheme`, once it has loaded with its fonts (math is typeset at build)."""
    # bypass_csp: the page's Content-Security-Policy would block the injected axe-core.
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, locale="zh-TW", bypass_csp=True
    )
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    return page


def audit_page(browser, url: str) -> dict[tuple[str, int], list[dict]]:
    """axe's violations on the page at `url` in each of VIEWS, each a fresh load as a reader would have it."""
    violations = {}
    for scheme, width in VIEWS:
        page = open_settled(browser, url, scheme, width)
        violations[scheme, width] = axe_violations(page)
        page.context.close()
    return violations


@dataclass(frozen=True)
class NuError:
    file: str  # relative to the checked folder
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line or '?'}: {self.message}"


def nu_errors(site: Path) -> list[NuError]:
    """Every error the Nu Html Checker finds in the site's HTML files."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("java is not installed: run `make system-packages`, which installs it from Debian")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--skip-non-html", "--errors-only", "--format", "json", str(site)],
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
            file=Path(unquote(urlsplit(message.get("url", "")).path)).relative_to(site.resolve()).as_posix()
            if message.get("url")
            else "?",
            line=message.get("lastLine"),
            message=message["message"],
        )
        for message in messages
        if message["type"] != "info"  # errors, and files vnu could not read ("non-document-error")
    ]


def report(site: Path) -> None:
    """Print each page's weight, axe's violations by rule in each view, and the Nu Html Checker's errors."""
    from playwright.sync_api import sync_playwright  # a test dependency; imported only when measuring

    from scripts.bench_site.pageload import load_page

    nodes_by_rule: dict[tuple[str, int], Counter] = {view: Counter() for view in VIEWS}
    impacts: dict[str, str] = {}
    print(f"{'page':<58} {'HTML bytes':>10} {'requests':>8} {'loaded bytes':>12}")
    with serve_directory(site) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for path in built_page_paths(site):
            load = load_page(browser, server.url, path)
            print(f"/{path:<57} {(site / path / 'index.html').stat().st_size:>10,} {load.requests:>8} {load.bytes:>12,}")
            for view, violations in audit_page(browser, server.url + path).items():
                for rule in violations:
                    nodes_by_rule[view][rule["id"]] += len(rule["nodes"])
                    impacts[rule["id"]] = rule["impact"]
        browser.close()
    print("\naxe violations, nodes on all pages (" + " / ".join(f"{scheme} {width} px" for scheme, width in VIEWS) + "):")
    for rule_id, impact in sorted(impacts.items(), key=lambda item: IMPACTS.index(item[1])):
        print(f"  {rule_id:<30} {impact:<9} " + " / ".join(str(nodes_by_rule[view][rule_id]) for view in VIEWS))
    if not impacts:
        print("  none")
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
