"""Every environment of the theme caches compiled templates and lists only visible files."""
import fnmatch
from types import SimpleNamespace

from jinja2 import Environment, FileSystemLoader
from mkdocs.config import load_config

from kb.speedups.theme_environment import VisibleFilesLoader, patch_theme
from tests.conftest import REPO_ROOT


def mkdocs_keeps(name: str) -> bool:
    """MkDocs' own filter in Files.add_files_from_theme drops every hidden path."""
    return not any(fnmatch.fnmatch(name.lower(), pattern) for pattern in (".*", "*/.*"))


def make_theme(*folders):
    return SimpleNamespace(get_env=lambda: Environment(loader=FileSystemLoader([str(f) for f in folders])))


def test_the_listing_is_what_mkdocs_keeps_of_the_full_listing(tmp_path):
    theme_dir, override_dir = tmp_path / "theme", tmp_path / "overrides"
    for path in [
        "main.html", "assets/stylesheets/main.css", "assets/.hidden.css", ".icons/material/a.svg",
        ".icons/fontawesome/brands/b.svg", "partials/.cache/x.html", ".gitkeep",
    ]:
        (theme_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (theme_dir / path).write_text("x", "utf-8")
    (override_dir / "assets").mkdir(parents=True)
    (override_dir / "assets/extra.css").write_text("x", "utf-8")
    (override_dir / "main.html").write_text("x", "utf-8")

    full = FileSystemLoader([str(theme_dir), str(override_dir)]).list_templates()
    visible = VisibleFilesLoader([str(theme_dir), str(override_dir)]).list_templates()
    assert visible == [name for name in full if mkdocs_keeps(name)]
    assert visible == ["assets/extra.css", "assets/stylesheets/main.css", "main.html"]


def test_the_themes_environments_list_visible_files_and_still_load_hidden_ones(tmp_path):
    (tmp_path / ".icons").mkdir()
    (tmp_path / ".icons/logo.svg").write_text("<svg/>", "utf-8")
    (tmp_path / "main.html").write_text("{% include '.icons/logo.svg' %}", "utf-8")
    theme = make_theme(tmp_path)
    patch_theme(theme, tmp_path / ".cache/jinja")
    env = theme.get_env()
    assert isinstance(env.loader, VisibleFilesLoader)
    assert env.list_templates() == ["main.html"]
    assert env.get_template("main.html").render() == "<svg/>"


def test_the_real_theme_lists_the_same_files_mkdocs_would_copy():
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    loader = config.theme.get_env().loader
    full = FileSystemLoader(loader.searchpath).list_templates()
    visible = VisibleFilesLoader(loader.searchpath).list_templates()
    assert visible == [name for name in full if mkdocs_keeps(name)]
    assert len(full) > 10 * len(visible)  # Material's icons


def test_every_environment_of_the_theme_loads_templates_compiled_before(tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("<h1>{{ title }}</h1>", "utf-8")
    theme = make_theme(templates)
    patch_theme(theme, tmp_path / ".cache/jinja")

    first = theme.get_env()
    assert first.get_template("page.html").render(title="標題") == "<h1>標題</h1>"
    assert len(list((tmp_path / ".cache/jinja").iterdir())) == 1

    second = theme.get_env()  # a plugin's own environment, or the next build's
    assert second is not first
    compiled = []
    monkeypatch.setattr(second, "compile", lambda *args, **kwargs: compiled.append(args))
    assert second.get_template("page.html").render(title="標題") == "<h1>標題</h1>"
    assert compiled == []  # loaded from the cache, not compiled again
