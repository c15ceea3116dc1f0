"""Plugin order is checked when the site is configured (kb/guards/plugin_order.py)."""
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, PluginCollection, event_priority

from kb.guards.plugin_order import EVERY_OTHER, RunsAfter, RunsBefore, enforce_order, handlers, order_problems
from scripts.build_inputs import NODE_MODULES, PROJECT_PARTS
from tests.conftest import REPO_ROOT

KB_PLUGINS_WITH_RULES = (
    "kb/feeds", "kb/math", "kb/notebook-markup", "kb/plain-text-titles", "kb/reading-time", "kb/safe-html",
    "kb/speedups",
)


@pytest.fixture(scope="module")
def site_config():
    return load_config(str(REPO_ROOT / "mkdocs.yml"))


@pytest.mark.parametrize("name", KB_PLUGINS_WITH_RULES)
def test_the_sites_plugins_are_in_the_order_they_need(site_config, name):
    plugin = site_config.plugins[name]
    assert order_problems(site_config, plugin, plugin.ORDER) == []


def test_the_render_memo_sees_every_other_handlers_markdown(site_config):
    assert handlers(site_config, "page_markdown")[-1].plugin == "kb/speedups"
    assert handlers(site_config, "files")[-1].plugin == "kb/speedups"


def config_listing(tmp_path: Path, move: str, before: str) -> Path:
    """The site's mkdocs.yml, beside links to what it names, with plugin entry `move` moved before `before`."""
    for part in PROJECT_PARTS + (NODE_MODULES,):
        if part != "mkdocs.yml" and (REPO_ROOT / part).exists():
            (tmp_path / part).symlink_to(REPO_ROOT / part)
    lines = (REPO_ROOT / "mkdocs.yml").read_text("utf-8").splitlines(keepends=True)
    start = lines.index(f"  - {move}\n")
    lines.pop(start)
    lines.insert(lines.index(f"  - {before}\n"), f"  - {move}\n")
    path = tmp_path / "mkdocs.yml"
    path.write_text("".join(lines), "utf-8")
    return path


def test_a_plugin_listed_too_early_is_named_with_the_fix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = load_config(str(config_listing(tmp_path, "kb/speedups", "privacy:")))
    plugin = config.plugins["kb/speedups"]
    problems = order_problems(config, plugin, plugin.ORDER)
    assert problems == [
        "mkdocs.yml: kb/speedups's on_files must run after material/privacy's (the render memo keys pages by "
        "every file's place in the site); list kb/speedups after material/privacy under plugins: in mkdocs.yml "
        "(both run at priority -100)."
    ]
    with pytest.raises(PluginError, match="kb/speedups's on_files must run after material/privacy's"):
        enforce_order(config, plugin, plugin.ORDER)


class First(BasePlugin):
    @event_priority(10)
    def on_page_content(self, html, **kwargs):
        return html


class Second(BasePlugin):
    RULES = (RunsBefore("page_content", ("first",), "it must see the HTML first"),
             RunsAfter("page_content", (EVERY_OTHER,), "it must be last"))

    def on_page_content(self, html, **kwargs):
        return html


def test_a_rule_broken_by_priorities_asks_for_another_priority():
    plugins = PluginCollection()
    plugins["first"], plugins["second"] = First(), Second()
    config = type("Config", (), {"plugins": plugins})()
    assert order_problems(config, plugins["second"], Second.RULES) == [
        "mkdocs.yml: second's on_page_content must run before first's (it must see the HTML first); "
        "second runs at priority 0 and first at 10; its on_page_content needs a higher @event_priority."
    ]


def test_rules_about_plugins_that_are_not_configured_hold():
    plugins = PluginCollection()
    plugins["second"] = Second()
    config = type("Config", (), {"plugins": plugins})()
    assert order_problems(config, plugins["second"], Second.RULES) == []
