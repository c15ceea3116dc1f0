from types import SimpleNamespace

from jinja2 import Environment, FileSystemLoader

from hooks.template_cache import CACHE_DIR, on_env


def test_a_new_environment_loads_the_templates_compiled_by_the_last_build(tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("<h1>{{ title }}</h1>", "utf-8")
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))

    first = on_env(Environment(loader=FileSystemLoader(templates)), config=config, files=None)
    assert first.get_template("page.html").render(title="標題") == "<h1>標題</h1>"
    cached = list((tmp_path / CACHE_DIR).iterdir())
    assert len(cached) == 1

    second = on_env(Environment(loader=FileSystemLoader(templates)), config=config, files=None)
    compiled = []
    monkeypatch.setattr(second, "compile", lambda *args, **kwargs: compiled.append(args))
    assert second.get_template("page.html").render(title="標題") == "<h1>標題</h1>"
    assert compiled == []  # loaded from the cache, not compiled again
