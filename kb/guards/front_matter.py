"""The `kb/front-matter` plugin: every post's front matter, and every page's encoding, checked before the build reads them.

Material stops at the first bad post, and MkDocs crashes with a traceback on a
page that is not UTF-8. This hook reports every problem of every page in one
run, each as `file:line: message` naming the field, and enforces the site's
rules for posts, all of them here:

- the file is UTF-8 (every Markdown page, not only posts) and not empty;
- the front matter is a YAML mapping;
- `date` is a real YYYY-MM-DD date, not in the future unless `draft: true`;
- `updated`, when given (the day the post was last revised, for the RSS feed
  of updates), is a real date like `date`, on or after `date`'s day;
- `slug` is lowercase ASCII words joined by '-', and no other post has it;
- `categories` lists only categories from the blog plugin's `categories_allowed`;
- `tags`, when given, is a list of strings;
- the post has a title: `title` in the front matter, or a first line `# …`.

Two posts with the same title only get a warning: it is printed, but it does
not fail `mkdocs build --strict` (kb.logs.warn).
"""
from __future__ import annotations

import datetime
import functools
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import get_files

from kb.data_files import DataFileError, key_lines, parse_yaml
from kb.file_signatures import FileMemo
from kb.logs import warn
from kb.page_titles import first_block

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(\n|\Z)", re.DOTALL)
ASCII_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]")
# Line numbers of front matter keys: the block starts on the file's second line.
FIRST_FRONT_MATTER_LINE = 2


@dataclass(frozen=True)
class PostFacts:
    """What the checks across posts need from one post: its slug and title, and where they are."""

    path: str
    slug: str | None = None
    slug_line: int | None = None
    title: str | None = None
    title_line: int | None = None


@dataclass
class PostReport:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def decode_page(path: str, data: bytes) -> tuple[str | None, str | None]:
    """(text, None) for a UTF-8 page, or (None, problem) naming the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        hint = ""
        try:
            data.decode("cp950")
            hint = " It reads as Big5: convert it with `iconv -f CP950 -t UTF-8`."
        except UnicodeDecodeError:
            pass
        return None, (
            f"{path}:{line}: the file is not UTF-8 (byte 0x{data[error.start]:02x}); "
            f"save it as UTF-8.{hint}"
        )


def _load_front_matter(path: str, block: str) -> tuple[dict, dict[str, int]]:
    """(mapping, line of each key); DataFileError naming `path:line` when it is not a YAML mapping."""
    document = parse_yaml(path, block, FIRST_FRONT_MATTER_LINE, subject="front matter")
    if document.root is None:
        return {}, {}
    if not isinstance(document.root, yaml.MappingNode):
        raise DataFileError(f"{path}:{FIRST_FRONT_MATTER_LINE}: front matter must be a mapping of keys to values")
    return document.value(document.root), key_lines(document, document.root)


def _read_date(field: str, value: object, draft: bool, today: datetime.date) -> tuple[datetime.date | None, str | None]:
    """(the day, None) for a valid date field, or (None, why it is invalid)."""
    if not isinstance(value, str) or not (ISO_DATE.match(value) or ISO_DATE_TIME.match(value)):
        return None, f"'{field}' must be YYYY-MM-DD, got {value!r}"
    try:
        if ISO_DATE.match(value):
            date = datetime.date.fromisoformat(value)
        else:
            date = datetime.datetime.fromisoformat(value).date()
    except ValueError as error:
        return None, f"'{field}' {value} is not a real date ({error})"
    if date > today and not draft:
        return None, (
            f"'{field}' {value} is in the future (today is {today.isoformat()}); "
            "set `draft: true` until then, or fix the date"
        )
    return date, None


def _body_title(body: str, first_line: int) -> tuple[str | None, int]:
    """The text of the body's first block when it is an H1, and the line number it is on."""
    block = first_block(body.split("\n"))
    if block is None:
        return None, first_line
    return block.title, first_line + block.index


def check_post(
    path: str, text: str, allowed_categories: Sequence[str], today: datetime.date
) -> tuple[list[str], PostFacts]:
    """The problems of one post's front matter and title, and its facts for the checks across posts."""
    if not text.strip():
        problem = f"{path}:1: the file is empty; start it with a '---' front matter block"
        return [problem + " (`make new-post` writes one)"], PostFacts(path)
    match = FRONT_MATTER.match(text)
    if not match:
        return [f"{path}:1: no front matter: start the file with a '---' block"], PostFacts(path)
    try:
        meta, lines = _load_front_matter(path, match.group(1) or "")
    except DataFileError as error:
        return [str(error)], PostFacts(path)

    def at(key: str) -> str:
        return f"{path}:{lines[key]}" if key in lines else path

    problems = []
    draft = meta.get("draft", False)
    if not isinstance(draft, bool):
        problems.append(f"{at('draft')}: 'draft' must be true or false, got {draft!r}")
        draft = False
    date = None
    if "date" not in meta:
        problems.append(f"{path}: missing 'date' (write date: YYYY-MM-DD)")
    else:
        date, date_problem = _read_date("date", meta["date"], draft, today)
        if date_problem:
            problems.append(f"{at('date')}: {date_problem}")
    if "updated" in meta:
        updated, updated_problem = _read_date("updated", meta["updated"], draft, today)
        if updated_problem:
            problems.append(f"{at('updated')}: {updated_problem}")
        elif date is not None and updated is not None and updated < date:
            problems.append(
                f"{at('updated')}: 'updated' {meta['updated']} is before 'date' {meta['date']} ({at('date')}); "
                "a post is revised after it is published: fix one of them, or remove 'updated'"
            )

    slug = meta.get("slug")
    if slug is None:
        problems.append(f"{path}: missing 'slug' (an ASCII slug keeps the URL short)")
    elif not isinstance(slug, str) or not ASCII_SLUG.match(slug):
        problems.append(f"{at('slug')}: 'slug' must be lowercase ASCII words joined by '-', got {slug!r}")
        slug = None

    categories = meta.get("categories")
    if not categories or not isinstance(categories, list):
        problems.append(f"{at('categories')}: 'categories' must list one of: {', '.join(allowed_categories)}")
    else:
        for category in categories:
            if category not in allowed_categories:
                problems.append(
                    f"{at('categories')}: unknown category {category!r} in 'categories' "
                    f"(allowed: {', '.join(allowed_categories)})"
                )

    tags = meta.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) and tag.strip() for tag in tags):
        problems.append(f"{at('tags')}: 'tags' must be a list of words, got {tags!r}")

    body_first_line = text[: match.end()].count("\n") + 1
    title, title_line = meta.get("title"), lines.get("title")
    if "title" in meta and (not isinstance(title, str) or not title.strip()):
        problems.append(f"{at('title')}: 'title' must be text, got {title!r}")
        title = None
    elif title is None:
        title, title_line = _body_title(text[match.end():], body_first_line)
        if title is None:
            problems.append(
                f"{path}:{title_line}: no title: make the body's first line '# 標題', "
                "or set 'title' in the front matter"
            )
    facts = PostFacts(path, slug, lines.get("slug"), title.strip() if title else None, title_line)
    return problems, facts


def front_matter_problems(
    path: str,
    text: str,
    allowed_categories: Sequence[str],
    today: datetime.date | None = None,
) -> list[str]:
    """Return one `path:line: message` string per problem of one post."""
    return check_post(path, text, allowed_categories, today or datetime.date.today())[0]


# Posts whose checks a serve remembers: a site's posts, with room for edits.
POSTS_REMEMBERED = 20_000


# A page's decode_page, read again only once its file changed (path relative to the folder mkdocs runs in).
decoded_page = FileMemo(lambda path: decode_page(path, Path(path).read_bytes()))


@functools.lru_cache(maxsize=POSTS_REMEMBERED)  # `mkdocs serve` checks every post again after each save
def _checked_post(
    path: str, text: str, allowed_categories: tuple[str, ...], today: datetime.date
) -> tuple[tuple[str, ...], PostFacts]:
    problems, facts = check_post(path, text, allowed_categories, today)
    return tuple(problems), facts


def check_posts(
    posts: Iterable[tuple[str, str]],
    allowed_categories: Sequence[str],
    today: datetime.date | None = None,
) -> PostReport:
    """Check all (path, text) posts: the problems of each, then slugs and titles across them."""
    today = today or datetime.date.today()
    report = PostReport()
    slugs: dict[str, PostFacts] = {}
    titles: dict[str, PostFacts] = {}
    for path, text in posts:
        problems, facts = _checked_post(path, text, tuple(allowed_categories), today)
        report.errors += list(problems)
        if facts.slug is not None:
            if (first := slugs.setdefault(facts.slug, facts)) is not facts:
                report.errors.append(
                    f"{path}:{facts.slug_line}: 'slug' {facts.slug!r} is already the slug of "
                    f"{first.path}:{first.slug_line}; each post needs its own"
                )
        if facts.title is not None:
            if (first := titles.setdefault(facts.title, facts)) is not facts:
                report.warnings.append(
                    f"{path}:{facts.title_line}: the title {facts.title!r} is also the title of "
                    f"{first.path}:{first.title_line}; readers cannot tell them apart in lists and search"
                )
    return report


def validate_posts(
    posts: Iterable[tuple[str, str]],
    allowed_categories: Sequence[str],
    today: datetime.date | None = None,
) -> list[str]:
    """The errors of all (path, text) posts, so one run reports them all."""
    return check_posts(posts, allowed_categories, today).errors


class FrontMatterPlugin(BasePlugin):
    """Fails the build, listing every problem of every page, before anything is rendered."""

    # In on_config, so a bad page fails the build as soon as it can, before the blog
    # plugin reads posts (on_files). MkDocs lists the files the same way right after.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        blog = config.plugins.get("material/blog")
        posts_dir = None
        if blog is not None:
            posts_dir = blog.config.post_dir.format(blog=blog.config.blog_dir).strip("/") + "/"
        problems, posts = [], []
        for file in get_files(config).documentation_pages():
            if not file.src_uri.endswith(".md") or not file.abs_src_path:
                continue
            path = os.path.relpath(file.abs_src_path)
            text, problem = decoded_page(path)
            if problem:
                problems.append(problem)
            elif posts_dir and text is not None and file.src_uri.startswith(posts_dir):
                posts.append((path, text))
        if blog is not None:
            report = check_posts(posts, blog.config.categories_allowed)
            problems += report.errors
            for warning in report.warnings:
                warn(warning)
        if problems:
            raise PluginError(
                f"{len(problems)} problem(s) in the pages; fix them and build again:\n  " + "\n  ".join(problems)
            )
        return config
