from types import SimpleNamespace

from jinja2 import Environment, FileSystemLoader

from hooks.template_cache import CACHE_DIR, on_config


def test_every_environment_of_the_theme_loads_templates_compiled_before(tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("<h1>{{ title }}</h1>", "utf-8")
    theme = SimpleNamespace(get_env=lambda: Environment(loader=FileSystemLoader(templates)))
    on_config(SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), theme=theme))

    first = theme.get_env()
    assert first.get_template("page.html").render(title="標題") == "<h1>標題</h1>"
    assert len(list((tmp_path / CACHE_DIR).iterdir())) == 1

    second = theme.get_env()  # a plugin's own environment, or the next build's
    assert second is not first
    compiled = []
    monkeypatch.setattr(second, "compile", lambda *args, **kwargs: compiled.append(args))
    assert second.get_template("page.html").render(title="標題") == "<h1>標題</h1>"
    assert compiled == []  # loaded from the cache, not compiled again
