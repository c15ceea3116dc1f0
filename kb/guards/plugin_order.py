"""Which plugin runs first, checked when the site is configured instead of hoped for.

MkDocs runs an event's handlers by their priority (`@event_priority`), and
handlers of equal priority in the order their plugins are listed in mkdocs.yml.
A kb plugin that relies on that order states it as rules, and its on_config
enforces them against the order MkDocs will really use: a wrong order stops the
build with a message naming both plugins and the fix.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

EVERY_OTHER = "*"


@dataclass(frozen=True)
class RunsBefore:
    """The plugin's on_<event> runs before each of `others` that is configured."""

    event: str
    others: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class RunsAfter:
    """The plugin's on_<event> runs after each of `others` (EVERY_OTHER: after all other handlers)."""

    event: str
    others: tuple[str, ...]
    why: str


Rule = RunsBefore | RunsAfter


@dataclass(frozen=True)
class Handler:
    plugin: str
    priority: float


def handlers(config: MkDocsConfig, event: str) -> list[Handler]:
    """The handlers of on_<event>, in the order MkDocs runs them."""
    names = {id(plugin): name for name, plugin in config.plugins.items()}
    return [
        Handler(names.get(id(getattr(method, "__self__", None)), method.__module__), getattr(method, "mkdocs_priority", 0))
        for method in config.plugins.events[event]
    ]


def plugin_name(config: MkDocsConfig, plugin: BasePlugin) -> str:
    return next(name for name, candidate in config.plugins.items() if candidate is plugin)


def _misorder(me: Handler, other: Handler, event: str, rule: Rule, before: bool) -> str:
    wanted = "before" if before else "after"
    if me.priority == other.priority:
        fix = f"list {me.plugin} {wanted} {other.plugin} under plugins: in mkdocs.yml (both run at priority {me.priority:g})"
    else:
        fix = (
            f"{me.plugin} runs at priority {me.priority:g} and {other.plugin} at {other.priority:g}; "
            f"its on_{event} needs a {'higher' if before else 'lower'} @event_priority"
        )
    return f"mkdocs.yml: {me.plugin}'s on_{event} must run {wanted} {other.plugin}'s ({rule.why}); {fix}."


def order_problems(config: MkDocsConfig, plugin: BasePlugin, rules: Iterable[Rule]) -> list[str]:
    """One message per rule the configured plugins break."""
    me = plugin_name(config, plugin)
    problems = []
    for rule in rules:
        order = handlers(config, rule.event)
        mine = [index for index, handler in enumerate(order) if handler.plugin == me]
        if not mine:
            continue
        position = mine[0]
        wanted = {handler.plugin for handler in order} - {me} if rule.others == (EVERY_OTHER,) else set(rule.others)
        for index, other in enumerate(order):
            if other.plugin == me or other.plugin not in wanted:
                continue
            before = isinstance(rule, RunsBefore)
            if (before and index < position) or (not before and index > position):
                problems.append(_misorder(order[position], other, rule.event, rule, before))
    return problems


def enforce_order(config: MkDocsConfig, plugin: BasePlugin, rules: Iterable[Rule]) -> None:
    """Raise a PluginError listing every broken rule."""
    if problems := order_problems(config, plugin, rules):
        raise PluginError("\n".join(problems))

