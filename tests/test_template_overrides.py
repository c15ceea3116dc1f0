"""Each template in overrides/ is Material's own but for the changes it states, so an upgrade of Material is noticed.

For each override: Material's text and what ours has in its place. The test applies
the changes to Material's template and compares the result with ours, leaving out
the leading comments (Material's "automatically generated", ours saying why).
"""
from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from tests.conftest import REPO_ROOT

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
OVERRIDES = REPO_ROOT / "overrides"
LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)

CHANGES = {
    # Valid HTML: autocomplete is for text-like inputs, not checkboxes.
    "base.html": [
        ('id="__drawer" autocomplete="off">', 'id="__drawer">'),
        ('id="__search" autocomplete="off">', 'id="__search">'),
        # No restyle of the whole page when Material's bundle marks <html> (tests/browser/test_palette.py).
        (
            '<meta name="viewport" content="width=device-width,initial-scale=1">\n',
            '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
            '      <script>document.documentElement.className="js js-focus-visible",'
            'document.documentElement.setAttribute("data-js-focus-visible","")</script>\n',
        ),
    ],
    # Valid HTML (no empty tabindex); the section's nav gets a name.
    "partials/nav-item.html": [
        ('{% set tabindex = "0" if not is_section %}', '{% set tabindex = "0" if not is_section else "-1" %}'),
        (
            '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">\n'
            '                <span class="md-nav__icon md-icon"></span>\n',
            '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">\n'
            '                <span class="md-nav__icon md-icon"></span>\n'
            '                <span class="kb-visually-hidden">{{ nav_item.title }}</span>\n',
        ),
    ],
    # Valid HTML: a label's `for` names a control that exists.
    "partials/toc.html": [
        ('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title"{% if nav_item is defined %} for="__toc"{% endif %}>'),
    ],
    # Named navigation landmarks.
    "blog-post.html": [
        ('<nav class="md-nav md-nav--primary">', "<nav class=\"md-nav md-nav--primary\" aria-label=\"{{ lang.t('blog.index') }}\">"),
        (
            '{{ lang.t("blog.meta") }}\n                  </span>\n                </div>\n                <nav class="md-nav">',
            '{{ lang.t("blog.meta") }}\n                  </span>\n                </div>\n'
            "                <nav class=\"md-nav\" aria-label=\"{{ lang.t('blog.meta') }}\">",
        ),
        (
            '{{ lang.t("blog.references") }}\n                    </span>\n                  </div>\n                  <nav class="md-nav">',
            '{{ lang.t("blog.references") }}\n                    </span>\n                  </div>\n'
            "                  <nav class=\"md-nav\" aria-label=\"{{ lang.t('blog.references') }}\">",
        ),
    ],
    # A notebook page links its .ipynb (the last of the page's action buttons).
    "partials/actions.html": [
        (
            "  {% endif %}\n{% endif %}\n",
            "  {% endif %}\n{% endif %}\n{% if page.nb_url %}\n"
            "  <a href=\"{{ page.nb_url }}\" title=\"{{ lang.t('notebook.download') }}\" class=\"md-content__button md-icon\" download>\n"
            '    {% include ".icons/material/download.svg" %}\n'
            "  </a>\n{% endif %}\n",
        ),
    ],
    # Material's palette component does not mount: partials/javascripts/palette.html does its work.
    "partials/palette.html": [
        ('<form class="md-header__option" data-md-component="palette">', '<form class="md-header__option" data-kb-component="palette">'),
    ],
    # No unnamed landmark per excerpt.
    "partials/post.html": [
        ('<nav class="md-post__action">', '<div class="md-post__action">'),
        ("        </a>\n      </nav>", "        </a>\n      </div>"),
    ],
}
# Overrides of Material's templates compared elsewhere, or not Material's at all.
CHECKED_ELSEWHERE = {
    "partials/header.html": "tests/content/search/test_theme_overrides.py",
    "partials/search.html": "kb/search's own search box, in place of Material's",
    "partials/javascripts/palette.html": "our palette script, in place of Material's palette component: tests/browser/test_palette.py",
}


def without_leading_comment(path: Path) -> str:
    return LEADING_COMMENT.sub("", path.read_text("utf-8"))


@pytest.mark.parametrize("name", CHANGES)
def test_our_override_is_materials_template_but_for_the_changes_it_states(name):
    expected = without_leading_comment(MATERIAL_TEMPLATES / name)
    for materials, ours in CHANGES[name]:
        assert materials in expected, f"Material's {name} changed: derive overrides/{name} from it again"
        expected = expected.replace(materials, ours)
    assert without_leading_comment(OVERRIDES / name) == expected


def test_every_override_of_a_material_template_is_compared_with_it():
    overridden = {
        path.relative_to(OVERRIDES).as_posix()
        for path in OVERRIDES.rglob("*.html")
        if (MATERIAL_TEMPLATES / path.relative_to(OVERRIDES)).is_file()
    }
    assert overridden == set(CHANGES) | set(CHECKED_ELSEWHERE)
