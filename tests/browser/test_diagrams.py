"""The architecture diagrams as a reader sees them in Chromium: legible in both schemes, on a phone and a desktop."""
from __future__ import annotations

import re

import pytest

from scripts.html_checks import RENDER_EVERY_BLOCK

pytestmark = [pytest.mark.build, pytest.mark.browser]

POST = "blog/mesos-vs-kubernetes/"
SMALLEST_SCALE = 0.8  # diagrams.css: below 80% of its natural size a diagram scrolls instead
# Each label's computed fill and font, the page's background, and each diagram's size on screen.
DIAGRAM_FACTS = """() => ({
    scheme: document.body.dataset.mdColorScheme,
    background: getComputedStyle(document.body).backgroundColor,
    texts: [...document.querySelectorAll(".kb-diagram text")].map(text => ({
        label: text.textContent,
        fill: getComputedStyle(text).fill,
        font: getComputedStyle(text).fontFamily,
    })),
    diagrams: [...document.querySelectorAll(".kb-diagram")].map(svg => ({
        scale: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
        figureScrolls: svg.parentElement.scrollWidth > svg.parentElement.clientWidth,
    })),
    pageWidth: document.documentElement.scrollWidth,
})"""


def rgba(css: str) -> tuple[float, float, float, float]:
    red, green, blue, *alpha = (float(part) for part in re.findall(r"[\d.]+", css))
    return red, green, blue, alpha[0] if alpha else 1.0


def luminance(red: float, green: float, blue: float) -> float:
    def linear(channel: float) -> float:
        channel /= 255
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast of a (possibly translucent) colour drawn over an opaque one."""
    *colour, alpha = rgba(foreground)
    behind = rgba(background)[:3]
    drawn = [alpha * ink + (1 - alpha) * paper for ink, paper in zip(colour, behind)]
    lighter, darker = sorted((luminance(*drawn), luminance(*behind)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def diagram_facts(browser, site_url: str, scheme: str, width: int) -> dict:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, locale="zh-TW")
    page = context.new_page()
    page.goto(site_url + POST)
    page.wait_for_load_state("load")
    page.evaluate(RENDER_EVERY_BLOCK)  # as if the reader had scrolled to each diagram
    facts = page.evaluate(DIAGRAM_FACTS)
    context.close()
    return facts


@pytest.mark.parametrize(("scheme", "material_scheme"), [("light", "default"), ("dark", "slate")])
def test_diagram_text_stands_out_from_the_page_in_both_schemes(browser, site_url, scheme, material_scheme):
    facts = diagram_facts(browser, site_url, scheme, 1280)
    assert facts["scheme"] == material_scheme
    assert len(facts["texts"]) > 60
    for text in facts["texts"]:
        assert text["fill"] != facts["background"], text
        assert contrast(text["fill"], facts["background"]) >= 4.5, (text, facts["background"])
        assert text["font"].startswith('"Noto Sans CJK TC"'), text  # the site's CJK font


def test_on_a_desktop_diagrams_are_drawn_at_their_natural_size(browser, site_url):
    facts = diagram_facts(browser, site_url, "light", 1280)
    assert [round(diagram["scale"], 2) for diagram in facts["diagrams"]] == [1.0, 1.0]
    assert not any(diagram["figureScrolls"] for diagram in facts["diagrams"])


def test_on_a_phone_a_wide_diagram_scrolls_inside_its_figure_not_the_page(browser, site_url):
    facts = diagram_facts(browser, site_url, "light", 375)
    assert facts["pageWidth"] <= 375
    for diagram in facts["diagrams"]:
        assert diagram["scale"] >= SMALLEST_SCALE - 0.01, diagram  # text stays at 11 px or more
        assert diagram["figureScrolls"], diagram
