"""The `kb/safe-html` plugin: no script from a page's HTML, nothing loaded from another host.

Two guards, each a pure module with this plugin around it:

- kb/guards/html_allow_list.py holds the raw HTML of every page (posts, pages,
  and notebooks' Markdown cells and HTML outputs) to an allow-list
  (data/html-allow-list.yml), on the HTML that Markdown made of the page;
- kb/guards/content_security_policy.py gives every page a
  Content-Security-Policy (data/content-security-policy.yml), with the
  hashes of the inline scripts the pages hold.

Events:

- on_config: check the order this plugin needs, and read both data files;
- on_page_content: check the page's HTML, after mkdocs-jupyter has rewritten
  a notebook's links; note each problem as `file:line`;
- on_env, once every page has its content and before any is written: fail
  the build with every problem of every page, or collect what every policy
  must allow for instant navigation (the inline scripts of all pages' content,
  the origins of page exceptions);
- on_post_page, after every other plugin: write the page's policy
  (on_post_template: the same for 404.html);
- on_post_build: check that every page's policy allows the scripts that
  instant navigation runs on arrival at any other page;
- on_serve: MkDocs' live reload adds an inline script to each page it serves;
  the served page's policy allows that script by its hash.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.guards import content_security_policy as csp
from kb.guards import html_allow_list as allow_list
from kb.guards.plugin_order import EVERY_OTHER, RunsAfter, enforce_order
from kb.logs import warn
from kb.page_source import read_source, source_path
from kb.speedups.build_cache import ResultMemo, key_of

# What a notebook's author wrote as HTML: its Markdown cells and the HTML its code displays.
# The rest is mkdocs-jupyter's own frame (its styles and scripts), the code, and its text and image outputs.
NOTEBOOK_REGIONS = '[data-mime-type="text/markdown"], [data-mime-type="text/html"]'
STATIC_PAGES = ("404.html",)


@dataclass(frozen=True)
class PageCheck:
    problems: tuple[str, ...]  # `path:line: …`
    origins: tuple[tuple[str, str], ...]  # (CSP directive, origin) of each of the page's exceptions


class SafeHtmlConfig(Config):
    allow_list = c.File(exists=True)
    policy = c.File(exists=True)


class SafeHtmlPlugin(BasePlugin[SafeHtmlConfig]):
    ORDER = (
        RunsAfter("page_content", ("mkdocs-jupyter",),
                  "mkdocs-jupyter rewrites a notebook's links in its on_page_content; the check reads them as readers get them"),
        RunsAfter("post_page", (EVERY_OTHER,),
                  "the policy hashes every inline script of the page, including those other plugins add"),
        RunsAfter("post_template", (EVERY_OTHER,),
                  "the policy hashes every inline script of the page, including those other plugins add"),
    )

    def __init__(self) -> None:
        # Problems by a digest of what was checked (and the allow list it was checked against): in
        # `mkdocs serve`, and from .cache/kb/ in the next build, an unchanged page is not checked again.
        self.checked: ResultMemo[PageCheck] = ResultMemo("safe-html-checks")
        # Each page content's inline scripts, by its digest: the same between builds and processes.
        self.scripts_of_content: ResultMemo[tuple[str, ...]] = ResultMemo("safe-html-content-scripts")
        self.allow_list_digest = ""
        self.problems: list[str] = []
        self.origins: dict[str, set[str]] = {}  # CSP directive -> origins that page exceptions let in
        self.content_scripts: set[str] = set()  # hashes of the inline scripts of every page's content
        self.arriving_scripts: dict[str, tuple[str, ...]] = {}  # page -> scripts instant navigation runs there
        self.allowed_scripts: dict[str, frozenset[str]] = {}  # page -> hashes its policy allows

    def on_startup(self, *, command: str, dirty: bool) -> None:
        pass  # defined, so that MkDocs keeps this instance (and its checks) for a whole `mkdocs serve`

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        enforce_order(config, self, self.ORDER)
        project = Path(config.config_file_path).parent
        self.allow_list = allow_list.load_allow_list(
            Path(self.config.allow_list), os.path.relpath(self.config.allow_list, project))
        self.allow_list_digest = hashlib.sha256(Path(self.config.allow_list).read_bytes()).hexdigest()
        self.directives = csp.load_policy(Path(self.config.policy), os.path.relpath(self.config.policy, project))
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        for memo in (self.checked, self.scripts_of_content):
            memo.use_project_cache(Path(config.config_file_path).parent)
            memo.start_build()
        self.problems, self.origins = [], {}
        self.arriving_scripts, self.allowed_scripts = {}, {}

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        path = source_path(page)
        source = read_source(page.file.abs_src_path) if page.file.abs_src_path else ""
        key = key_of(self.allow_list_digest, path, source, html)
        check = self.checked.result(key, lambda: self.check_page(path, source, html, page.file.src_uri.endswith(".ipynb")))
        self.problems += check.problems
        for directive, origin in check.origins:
            self.origins.setdefault(directive, set()).add(origin)
        return html

    def check_page(self, path: str, source: str, html: str, notebook: bool) -> PageCheck:
        """Every problem of one page's HTML and of its exceptions, as `path:line: …`, and its exceptions' origins."""
        exceptions, problems = ([], []) if notebook else allow_list.read_exceptions(path, source, self.allow_list)
        regions = NOTEBOOK_REGIONS if notebook else None
        found = allow_list.html_problems(html, self.allow_list, exceptions, regions)
        lines = allow_list.problem_lines(source, found, 0 if notebook else allow_list.body_start(source))
        for problem, line in zip(found, lines):
            where = f"{path}:{line}" if line else path
            written_by = "" if line else " (not in the page's source: written by an extension, a plugin or an embedded file)"
            problems.append(f"{where}: {problem.describe(self.allow_list)}{written_by}")
        for unused in allow_list.unused_exceptions(html, exceptions, regions):
            problems.append(f"{path}:{unused.line}: the exception for <{unused.element}> from {unused.origin} "
                            "is not used by any element of the page; remove it")
        origins = tuple((self.allow_list.exception_directives[exception.element], exception.origin)
                        for exception in exceptions)
        return PageCheck(tuple(problems), origins)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.problems:
            raise PluginError(
                f"{len(self.problems)} problem(s) with HTML in the pages (CONTRIBUTING.md, 「文章裡的 HTML」, "
                "says what a page may hold); fix them and build again:\n  "
                + "\n  ".join(self.problems)
            )
        self.content_scripts = {
            script
            for file in files.documentation_pages()
            if file.page is not None and file.page.content
            for script in self.content_inline_scripts(file.page.content)
        }
        return env

    def content_inline_scripts(self, content: str) -> tuple[str, ...]:
        return self.scripts_of_content.result(key_of(content), lambda: csp.inline_scripts(content).everywhere)

    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self.write_policy(page.url, output)

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name not in STATIC_PAGES:
            return output_content
        return self.write_policy(template_name, output_content)

    def output_reuse_inputs(self) -> object:
        """What every page's policy is made of besides the page (kb/speedups/page_output_reuse.py)."""
        return [sorted(self.content_scripts), {k: sorted(v) for k, v in self.origins.items()}, self.directives]

    def page_output_state(self, *, page: Page) -> object:
        """What a kept page's policy check needs of it: its arriving scripts and allowed hashes."""
        return self.arriving_scripts[page.url], sorted(self.allowed_scripts[page.url])

    def page_output_reused(self, *, page: Page, config: MkDocsConfig, state: object) -> None:
        """A page kept from an earlier build has the scripts it had then (its page_output_state)."""
        arriving, allowed = cast(tuple[tuple[str, ...], list[str]], state)
        self.arriving_scripts[page.url] = tuple(arriving)
        self.allowed_scripts[page.url] = frozenset(allowed)

    def write_policy(self, name: str, output: str) -> str:
        scripts = csp.inline_scripts(output)
        allowed = frozenset(scripts.everywhere) | self.content_scripts
        self.arriving_scripts[name] = scripts.in_container
        self.allowed_scripts[name] = allowed
        return csp.with_policy(output, csp.policy(self.directives, allowed, self.origins))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.checked.end_build()
        self.scripts_of_content.end_build()
        arriving = {script: name for name, scripts in self.arriving_scripts.items() for script in scripts}
        blocked = [
            f"instant navigation from /{origin} to /{arriving[script]} would block its inline script {script}"
            for origin, allowed in self.allowed_scripts.items()
            for script in arriving.keys() - allowed
        ]
        if blocked:
            raise PluginError(
                "kb/safe-html: a theme template writes an inline script into the content of some pages only, "
                "so other pages' policies lack its hash:\n  " + "\n  ".join(blocked[:10])
            )

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        inject = getattr(server, "_inject_js_into_html", None)
        if inject is None:  # MkDocs 1.6's; another MkDocs may inject its script elsewhere
            warn("kb/safe-html: this MkDocs injects its live-reload script in a way kb/safe-html does not know; "
                 "pages may not reload by themselves under their Content-Security-Policy")
            return server

        def inject_allowed(content: bytes, epoch: int) -> bytes:
            served = inject(content, epoch)
            added = set(csp.inline_scripts(served.decode()).everywhere) - set(csp.inline_scripts(content.decode()).everywhere)
            return csp.with_scripts_allowed(served.decode(), added).encode()

        server._inject_js_into_html = inject_allowed  # type: ignore[method-assign]
        return server
