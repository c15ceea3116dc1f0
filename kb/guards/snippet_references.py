"""Check every `--8<--` embed before Markdown runs, and report them all at once.

pymdownx.snippets stops at the first missing file or section, with a traceback
that names the page but not the snippet. This hook names the page and line,
the snippet, the missing section and the sections that do exist; it also
rejects embeds by line numbers, which drift when the file changes.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from mkdocs.exceptions import PluginError

# `--8<-- "path"` or `--8<-- "path:section"`; a leading ';' escapes the line.
EMBED = re.compile(r'^\s*--8<--\s+"(?P<path>[^":]+)(?::(?P<selector>[^"]*))?"\s*$')
SECTION_START = re.compile(r"--8<--\s+\[start:([\w-]+)\]")
SECTION_END = re.compile(r"--8<--\s+\[end:([\w-]+)\]")
LINE_SELECTOR = re.compile(r"^\d*(?::\d*)?(?:,\d*(?::\d*)?)*$")


def sections_in(snippet: Path) -> set[str]:
    """Names of the sections that both start and end in a snippet file."""
    text = snippet.read_text("utf-8")
    return set(SECTION_START.findall(text)) & set(SECTION_END.findall(text))


def embed_problems(page: str, markdown: str, base_dir: Path) -> list[str]:
    """One `page:line: message` per embed whose file or section does not exist."""
    problems = []
    for number, line in enumerate(markdown.splitlines(), start=1):
        match = EMBED.match(line)
        if not match:
            continue
        path, selector = match["path"], match["selector"]
        snippet = base_dir / path
        where = f"{page}:{number}"
        if not snippet.is_file():
            problems.append(f"{where}: snippet file {path} does not exist")
        elif selector is None:
            problems.append(f"{where}: embed a named section, e.g. \"{path}:name\"")
        elif LINE_SELECTOR.match(selector):
            problems.append(
                f"{where}: {path}:{selector} embeds by line numbers, which drift; "
                "mark a section with '# --8<-- [start:name]' and '# --8<-- [end:name]'"
            )
        elif selector not in (known := sections_in(snippet)):
            problems.append(
                f"{where}: {path} has no section {selector!r} "
                f"(sections: {', '.join(sorted(known)) or 'none'})"
            )
    return problems


def all_embed_problems(pages: Iterable[tuple[str, str]], base_dir: Path) -> list[str]:
    return [problem for page, text in pages for problem in embed_problems(page, text, base_dir)]


def on_files(files, *, config):
    # pymdownx.snippets resolves base_path "." from the project root, where mkdocs runs.
    base_dir = Path(config.config_file_path).parent
    pages = [
        (os.path.relpath(file.abs_src_path, base_dir), Path(file.abs_src_path).read_text("utf-8-sig"))
        for file in files.documentation_pages()
        if file.src_uri.endswith(".md")
    ]
    problems = all_embed_problems(pages, base_dir)
    if problems:
        raise PluginError(f"Broken snippet embeds in {len(problems)} place(s):\n  " + "\n  ".join(problems))
