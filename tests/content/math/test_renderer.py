"""MathJax in Node, on the real package: SVG with hidden MathML, errors instead of red text."""
from __future__ import annotations

import pytest

from kb.content.math.renderer import Formula, MathRenderer, TexError
from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def renderer():
    renderer = MathRenderer(REPO_ROOT / "node_modules")
    yield renderer
    renderer.close()


def test_a_formula_becomes_an_svg_with_its_mathml_for_screen_readers(renderer):
    html = renderer.render(Formula(r"\frac{a}{b}", display=False))
    assert html.startswith('<mjx-container class="MathJax" jax="SVG"')
    assert 'aria-hidden="true"' in html  # the picture is hidden from screen readers…
    assert "<mjx-assistive-mml" in html and "<mfrac>" in html  # …which read the MathML
    assert "<defs>" not in html and ' id="' not in html  # no ids: a formula can repeat on a page


def test_display_formulas_are_marked_as_display(renderer):
    assert 'display="true"' in renderer.render(Formula("x^2", display=True))
    assert 'display="true"' not in renderer.render(Formula("x^2", display=False))


@pytest.mark.parametrize(
    "tex, message",
    [(r"\fracc{a}{b}", r"Undefined control sequence \fracc"), (r"\frac{a", "Missing close brace")],
)
def test_a_tex_error_is_raised_with_mathjaxs_message(renderer, tex, message):
    with pytest.raises(TexError, match=f"^{message.replace(chr(92), chr(92) * 2)}$"):
        renderer.render(Formula(tex, display=True))


def test_the_renderer_goes_on_after_an_error_and_remembers_formulas(renderer):
    with pytest.raises(TexError):
        renderer.render(Formula(r"\notamacro", display=False))
    first = renderer.render(Formula("y", display=False))
    assert renderer.render(Formula("y", display=False)) is first


def test_the_stylesheet_hides_the_mathml_on_screen(renderer):
    renderer.start()
    assert "mjx-assistive-mml" in renderer.stylesheet and "clip" in renderer.stylesheet


def test_missing_node_modules_are_named_with_the_fix(tmp_path):
    with pytest.raises(FileNotFoundError, match="mathjax-full is missing; run `npm ci`"):
        MathRenderer(tmp_path).start()
