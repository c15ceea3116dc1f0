"""overrides/partials/header.html is Material's own header, but for the search block kb/search replaces."""
from __future__ import annotations

import re
from pathlib import Path

import material

from tests.conftest import REPO_ROOT

OURS = REPO_ROOT / "overrides/partials/header.html"
UPSTREAM = Path(material.__file__).parent / "templates/partials/header.html"
# What Material's header has where ours has kb/search's block.
UPSTREAM_SEARCH = """    {% if "material/search" in config.plugins %}
      {% set search = config.plugins["material/search"] | attr("config") %}
      {% if search.enabled %}
        <label class="md-header__button md-icon" for="__search">
          {% set icon = config.theme.icon.search or "material/magnify" %}
          {% include ".icons/" ~ icon ~ ".svg" %}
        </label>
        {% include "partials/search.html" %}
      {% endif %}
    {% endif %}
"""
OUR_SEARCH = re.compile(r"    \{#- kb/search: start -#\}\n.*?\{#- kb/search: end -#\}\n", re.DOTALL)
LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)


def test_our_header_is_materials_but_for_the_search_block():
    upstream = UPSTREAM.read_text("utf-8")
    assert UPSTREAM_SEARCH in upstream, "Material's header changed: derive overrides/partials/header.html again"
    ours = OURS.read_text("utf-8")
    assert OUR_SEARCH.search(ours)
    without_search = lambda text, block: LEADING_COMMENT.sub("", text).replace(block, "")  # noqa: E731
    assert without_search(ours, OUR_SEARCH.search(ours).group(0)) == without_search(upstream, UPSTREAM_SEARCH)


def test_no_form_is_named_search():
    # Material's bundle fetches its own search index when it finds document.forms.search.
    partial = (REPO_ROOT / "overrides/partials/search.html").read_text("utf-8")
    assert not re.search(r"<form[^>]*name=", partial)
