"""The `kb/snippet-references` plugin: every `--8<--` embed checked before Markdown runs, all at once.

pymdownx.snippets stops at the first missing file or section, with a message
that names neither the page nor the line. This plugin reads each page's embeds
with pymdownx's own grammar and resolver (a SnippetPreprocessor configured as
the site configures the extension), so it accepts exactly what pymdownx
accepts, and reports, each as `file:line`:

- a snippet file that does not exist, and an embed of a whole file or of line
  numbers (which drift when the file changes): embeds name a section;
- a section the file does not have, listing the ones it has;
- a section marker that pymdownx cannot read (a name in Chinese, say), with the
  marker's `file:line` in the snippet and the embed's in the page.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from pymdownx.snippets import SnippetExtension, SnippetPreprocessor

from kb.page_source import read_source

EXTENSION = "pymdownx.snippets"
# What a writer meant as a section marker, readable or not; pymdownx decides which it reads.
LOOKS_LIKE_SECTION_MARKER = re.compile(r"-+8<-+\s*\[\s*(?:start|end)\s*:\s*(?P<name>[^\]]*?)\s*\]")
SECTION_NAME_RULE = (
    "section names are ASCII letters, digits, '-' and '_', starting with a letter; "
    "write them in lowercase, e.g. [start:insert]"
)


@dataclass(frozen=True)
class SnippetFile:
    """The sections of one snippet file, as pymdownx reads them, and the markers it cannot read."""

    starts: frozenset[str]
    ends: frozenset[str]
    unreadable: tuple[tuple[int, str], ...]  # (line, name as written)

    @property
    def sections(self) -> frozenset[str]:
        return self.starts & self.ends


def snippet_preprocessor(options: dict) -> SnippetPreprocessor:
    """pymdownx's own preprocessor, with the extension's defaults and the site's options."""
    config = {key: value[0] for key, value in SnippetExtension().config.items()} | options
    return SnippetPreprocessor(config, markdown.Markdown())


def read_snippet_file(snippets: SnippetPreprocessor, path: Path) -> SnippetFile:
    starts: set[str] = set()
    ends: set[str] = set()
    unreadable: list[tuple[int, str]] = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        marker = snippets.match_section(line)
        if marker is not None and not marker.group("escape"):
            (starts if marker.group("type").lower() == "start" else ends).add(marker.group("name"))
        elif marker is None and (loose := LOOKS_LIKE_SECTION_MARKER.search(line)):
            unreadable.append((number, loose.group("name")))
    return SnippetFile(frozenset(starts), frozenset(ends), tuple(unreadable))


def embeds(snippets: SnippetPreprocessor, markdown_text: str) -> Iterable[tuple[int, str]]:
    """(line, path as written) of each embed in a page, inline or in a block, escaped ones left out."""
    if "8<-" not in markdown_text:  # in every embed's marker: most pages have none
        return
    block = False
    for number, line in enumerate(markdown_text.splitlines(), start=1):
        found = snippets.RE_ALL_SNIPPETS.match(line)
        if found:
            if found.group("escape"):
                continue
            if found.group("inline_marker"):
                if not block:
                    yield number, found.group("snippet")[1:-1].strip()
            else:
                block = not block
        elif block and (path := snippets.RE_SNIPPET.match(line).group("snippet").strip()):
            yield number, path


class EmbedChecker:
    """Checks embeds against the snippet files, reading each file once."""

    def __init__(self, snippets: SnippetPreprocessor, project: Path) -> None:
        self.snippets = snippets
        self.project = project
        self.files: dict[str, SnippetFile] = {}

    def _file(self, resolved: str) -> SnippetFile:
        if resolved not in self.files:
            self.files[resolved] = read_snippet_file(self.snippets, Path(resolved))
        return self.files[resolved]

    def _shown(self, resolved: str) -> str:
        return os.path.relpath(resolved, self.project)

    def problems(self, where: str, written: str) -> list[str]:
        """What is wrong with the embed `written` at `where` (page:line), or nothing."""
        target = self.snippets.parse_snippet_target(written)
        if target is None:
            return [f"{where}: an embed with no file name"]
        resolved = self.snippets.get_snippet_path(target["path"])
        if resolved is None:
            return [self._missing(where, target["path"])]
        if target["start"]:
            return [
                f"{where}: {written} embeds by line numbers, which drift; "
                "mark a section with '# --8<-- [start:name]' and '# --8<-- [end:name]'"
            ]
        snippet = self._file(resolved)
        shown = self._shown(resolved)
        found = [
            f"{shown}:{line}: pymdownx cannot read the section marker named {name!r} "
            f"(embedded at {where}); {SECTION_NAME_RULE}"
            for line, name in snippet.unreadable
        ]
        if target["section"] is None:
            found.append(f"{where}: embed a named section, e.g. \"{target['path']}:name\"")
        elif target["section"] not in snippet.sections:
            found.append(
                f"{where}: {shown} has no section {target['section']!r} "
                f"(sections: {', '.join(sorted(snippet.sections)) or 'none'})"
            )
        return found

    def _missing(self, where: str, path: str) -> str:
        """The message for a path pymdownx cannot resolve: a missing file, or a section name it cannot read."""
        file_part, colon, name = path.rpartition(":")
        resolved = self.snippets.get_snippet_path(file_part) if colon else None
        if resolved is None:
            return f"{where}: snippet file {path} does not exist"
        markers = [line for line, written in self._file(resolved).unreadable if written == name]
        place = f" (the marker is at {self._shown(resolved)}:{markers[0]})" if markers else ""
        return f"{where}: pymdownx cannot read the section name {name!r} in {file_part}{place}; {SECTION_NAME_RULE}"


def embed_problems(pages: Iterable[tuple[str, str]], snippets: SnippetPreprocessor, project: Path) -> list[str]:
    """Every problem of every embed in the (path, Markdown) pages, each reported once."""
    checker = EmbedChecker(snippets, project)
    problems: list[str] = []
    for page, text in pages:
        for line, written in embeds(snippets, text):
            problems += [problem for problem in checker.problems(f"{page}:{line}", written) if problem not in problems]
    return problems


class SnippetReferencesPlugin(BasePlugin):
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if EXTENSION not in config.markdown_extensions:
            return files
        project = Path(config.config_file_path).parent
        # pymdownx resolves base_path "." from the folder mkdocs runs in: the project's.
        snippets = snippet_preprocessor(config.mdx_configs.get(EXTENSION, {}))
        pages = [
            (os.path.relpath(file.abs_src_path, project), read_source(file.abs_src_path))
            for file in files.documentation_pages()
            if file.src_uri.endswith(".md") and file.abs_src_path  # a page from the docs folder, not generated
        ]
        if problems := embed_problems(pages, snippets, project):
            raise PluginError(f"Broken snippet embeds in {len(problems)} place(s):\n  " + "\n  ".join(problems))
        return files
