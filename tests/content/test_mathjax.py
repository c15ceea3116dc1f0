from pathlib import Path

from kb.content.mathjax import ENTRY_POINT, mathjax_es5_dir, mathjax_files


def make_tree(root: Path, paths: list[str]) -> Path:
    for relative in paths:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("//")
    return root


def test_publishes_the_entry_point_fonts_and_extensions_only(tmp_path):
    es5 = make_tree(
        tmp_path,
        [
            "tex-chtml.js",
            "tex-svg.js",
            "output/chtml/fonts/woff-v2/MathJax_Main-Regular.woff",
            "output/svg/fonts/tex.js",
            "input/tex/extensions/mhchem.js",
            "sre/mathmaps/en.json",
        ],
    )
    assert mathjax_files(es5) == [
        "tex-chtml.js",
        "output/chtml/fonts/woff-v2/MathJax_Main-Regular.woff",
        "input/tex/extensions/mhchem.js",
        "sre/mathmaps/en.json",
    ]


def test_installed_package_has_every_published_file():
    es5 = mathjax_es5_dir()
    files = mathjax_files(es5)
    assert files[0] == ENTRY_POINT
    assert any(name.endswith(".woff") for name in files)
    assert all((es5 / name).is_file() for name in files)
