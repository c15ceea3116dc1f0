"""Every built page passes axe-core (WCAG 2 AA and axe's best practices) in both schemes and on a phone.

axe-core is the pinned npm package (package.json), injected into each page once its
math is on the page (scripts/html_checks.py). What must hold: no violation of impact
serious or critical, and none of the moderate rules whose fixes are the site's own
(named below). The test prints every violation count by rule and view.
"""
from __future__ import annotations

import pytest

from scripts.html_checks import VIEWS, audit_page, axe_violations, open_settled
from scripts.local_site import built_page_paths

pytestmark = [pytest.mark.build, pytest.mark.browser]

BLOCKING_IMPACTS = ("serious", "critical")
# Moderate rules the site fixes itself: landmarks come from our templates (overrides/)
# and scripts (docs/assets/javascripts/material-markup.js).
FIXED_MODERATE_RULES = ("landmark-unique",)


@pytest.fixture(scope="module")
def audits(browser, site_url, built_site) -> dict[str, dict[tuple[str, int], list[dict]]]:
    paths = built_page_paths(built_site)
    assert len(paths) >= 16, paths
    return {path: audit_page(browser, site_url + path) for path in paths}


def failing(violations: list[dict]) -> list[dict]:
    return [rule for rule in violations if rule["impact"] in BLOCKING_IMPACTS or rule["id"] in FIXED_MODERATE_RULES]


def test_no_page_has_a_serious_or_critical_violation_in_either_scheme_or_on_a_phone(audits, record_property):
    record_property("axe: pages checked", len(audits))
    for view in VIEWS:
        counts: dict[str, int] = {}
        for violations in (page[view] for page in audits.values()):
            for rule in violations:
                counts[rule["id"]] = counts.get(rule["id"], 0) + len(rule["nodes"])
        record_property(f"axe violations, {view[0]} {view[1]} px (nodes by rule)", counts or "none")
    failures = [
        f"/{path} ({scheme}, {width} px): {rule['id']} ({rule['impact']}) at {', '.join(rule['nodes'][:5])}"
        for path, page in audits.items()
        for (scheme, width), violations in page.items()
        for rule in failing(violations)
    ]
    assert failures == []


def test_the_dark_view_is_materials_dark_scheme(browser, site_url):
    page = open_settled(browser, site_url, "dark", 1280)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.context.close()


def test_a_low_contrast_text_is_reported(browser, site_url):
    """The check above must catch a failure, not just run: grey on white is 2.3:1."""
    page = open_settled(browser, site_url, "light", 1280)
    page.evaluate(
        """() => {
            const text = document.createElement("p");
            text.style.color = "#aaaaaa";
            text.textContent = "淺灰色的字";
            document.querySelector("article").append(text);
        }"""
    )
    assert [rule["id"] for rule in failing(axe_violations(page))] == ["color-contrast"]
    page.context.close()
