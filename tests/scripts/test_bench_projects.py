"""The bench's variant of our site with Material's search builds with Material's own templates."""
from pathlib import Path

from scripts.bench_site.projects import MATERIALS_LANGUAGE, OUR_LANGUAGE, OUR_OVERRIDES, with_materials_search

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_materials_search_variant_drops_our_search_and_overrides_and_uses_materials_strings():
    variant = with_materials_search((REPO_ROOT / "mkdocs.yml").read_text("utf-8"))
    assert "  - kb/search:" not in variant and "  - search:\n      lang: zh\n" in variant
    assert OUR_OVERRIDES not in variant
    # Our language is a template in overrides/, which the variant does not have: it would not build.
    assert OUR_LANGUAGE not in variant and MATERIALS_LANGUAGE in variant
