"""Scaffold a blog post: `make new-post TITLE="…" CATEGORY=TIL [SLUG=…] [TAGS=a,b]`.

Writes docs/blog/posts/<slug>.md with today's date, an ASCII slug, a category
from the blog plugin's `categories_allowed` in mkdocs.yml, the tags, the title
as the first line, a `<!-- more -->` excerpt marker and a one-line reminder of
how to write math and embed a tested snippet. The post builds as it is.

It refuses to overwrite a file or reuse another post's slug. The rules are the
build's own (kb/guards/front_matter.py); the functions here are pure, so the
tests call them with plain data, and `main` is the thin command line around them.
"""
from __future__ import annotations

import argparse
import datetime
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

from kb.guards.front_matter import ASCII_SLUG, FRONT_MATTER
from scripts.build_inputs import read_mkdocs_config

# Title words a slug is made of: ASCII letters and digits ("Kubernetes 1.8 裝置" -> kubernetes-1-8).
ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
MAX_SLUG_LENGTH = 60
TAG_SEPARATORS = re.compile(r"[,，、]")
REMINDER = (
    "<!-- 公式：行內 $…$，獨立成行 $$…$$。程式碼：寫在 snippets/主題/模組.py 的具名區段，"
    "在 tests/snippets/主題/test_模組.py 測試，再以 --8<-- \"snippets/主題/模組.py:區段\" 嵌入"
    "（步驟見寫作指南）。 -->"
)


class NewPostError(Exception):
    """A reason not to write the post, worded for the person who ran the command."""


class _PostDumper(yaml.SafeDumper):
    """Indents list items under their key, as the existing posts do."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def blog_settings(mkdocs_yml: str) -> tuple[str, list[str]]:
    """(posts folder relative to the project, allowed categories) from mkdocs.yml's blog plugin."""
    config = read_mkdocs_config(mkdocs_yml)
    docs_dir = str(config.get("docs_dir") or "docs").strip("/")
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "blog" in entry:
            blog = entry["blog"] or {}
            blog_dir = str(blog.get("blog_dir", "blog")).strip("/")
            posts_dir = str(blog.get("post_dir", "{blog}/posts")).format(blog=blog_dir).strip("/")
            return f"{docs_dir}/{posts_dir}", list(blog.get("categories_allowed") or [])
    raise NewPostError("mkdocs.yml has no blog plugin, so there is nowhere to put a post")


def slug_from_title(title: str) -> str | None:
    """The title's ASCII words, lowercased and joined by '-', or None when it has none."""
    words = [word.lower() for word in ASCII_WORD.findall(title)]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG_LENGTH and slug:
            break
        slug = candidate
    return slug or None


def parse_tags(text: str) -> list[str]:
    """Tags from 'a,b' (full-width commas too), stripped, without empties or repeats."""
    tags: list[str] = []
    for tag in TAG_SEPARATORS.split(text or ""):
        if tag.strip() and tag.strip() not in tags:
            tags.append(tag.strip())
    return tags


def existing_slugs(posts: Iterable[tuple[str, str]]) -> dict[str, str]:
    """slug -> path of the (path, text) posts that declare one."""
    slugs = {}
    for path, text in posts:
        match = FRONT_MATTER.match(text)
        try:
            meta = yaml.safe_load(match.group(1) or "") if match else None
        except (yaml.YAMLError, ValueError):
            continue  # the build reports broken front matter; here only slugs matter
        if isinstance(meta, dict) and isinstance(meta.get("slug"), str):
            slugs.setdefault(meta["slug"], path)
    return slugs


def choose_slug(title: str, slug: str | None) -> str:
    """The slug given, or one made from the title; raise NewPostError when neither works."""
    if slug:
        if not ASCII_SLUG.match(slug):
            raise NewPostError(
                f"SLUG={slug!r} is not lowercase ASCII words joined by '-'; for example SLUG=cuckoo-filter"
            )
        return slug
    made = slug_from_title(title)
    if made is None:
        raise NewPostError(
            f"the title {title!r} has no ASCII words to make the URL from; "
            'pass one, for example: make new-post TITLE="…" CATEGORY=… SLUG=cuckoo-filter'
        )
    return made


def render_post(
    title: str, slug: str, category: str, tags: Sequence[str], date: datetime.date
) -> str:
    """The Markdown of a new post that passes the build's checks."""
    meta: dict = {"date": date, "slug": slug, "categories": [category]}
    if tags:
        meta["tags"] = list(tags)
    front_matter = yaml.dump(meta, Dumper=_PostDumper, allow_unicode=True, sort_keys=False)
    return (
        f"---\n{front_matter}---\n\n"
        f"# {title}\n\n"
        "用一兩句話說明這篇要講什麼；文章列表與 RSS 只顯示下面那行標記以前的內容。\n\n"
        "<!-- more -->\n\n"
        f"{REMINDER}\n\n"
        "## 第一節\n\n"
        "內文從這裡開始。\n"
    )


def plan_post(
    *,
    title: str,
    category: str,
    slug: str | None,
    tags: str,
    date: datetime.date,
    allowed_categories: Sequence[str],
    posts: Iterable[tuple[str, str]],
    posts_dir: str,
) -> tuple[str, str]:
    """(relative path, Markdown) of the post to write; raise NewPostError naming what to fix."""
    title = " ".join(title.split())
    if not title:
        raise NewPostError('give the post a title: make new-post TITLE="文章標題" CATEGORY=TIL')
    if category not in allowed_categories:
        raise NewPostError(
            f"CATEGORY={category!r} is not one of the blog's categories: {', '.join(allowed_categories)} "
            "(categories_allowed in mkdocs.yml)"
        )
    slug = choose_slug(title, slug)
    path = f"{posts_dir}/{slug}.md"
    used_by = existing_slugs(posts).get(slug)
    if used_by is not None and used_by != path:
        raise NewPostError(f"the slug {slug!r} is already used by {used_by}; pass another one with SLUG=…")
    return path, render_post(title, slug, category, parse_tags(tags), date)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--title", required=True)
    parser.add_argument("--category", required=True)
    parser.add_argument("--slug", default="", help="ASCII slug; made from the title when empty")
    parser.add_argument("--tags", default="", help="comma-separated tags")
    parser.add_argument("--date", type=datetime.date.fromisoformat, default=datetime.date.today())
    parser.add_argument("--project-dir", type=Path, default=Path("."))
    args = parser.parse_args(argv)

    project = args.project_dir
    try:
        posts_dir, allowed = blog_settings((project / "mkdocs.yml").read_text("utf-8"))
        posts = [
            (path.relative_to(project).as_posix(), path.read_text("utf-8", errors="replace"))
            for path in sorted((project / posts_dir).glob("*.md"))
        ]
        relative, markdown = plan_post(
            title=args.title,
            category=args.category,
            slug=args.slug or None,
            tags=args.tags,
            date=args.date,
            allowed_categories=allowed,
            posts=posts,
            posts_dir=posts_dir,
        )
        target = project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with target.open("x", encoding="utf-8") as file:  # "x": never overwrite
                file.write(markdown)
        except FileExistsError:
            raise NewPostError(f"{relative} already exists; pick another SLUG=… or edit that file") from None
    except NewPostError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Created {relative}")
    print(f"Preview it with `make serve`: http://127.0.0.1:8000/blog/{Path(relative).stem}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
