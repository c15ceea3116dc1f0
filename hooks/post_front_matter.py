"""Validate every blog post's front matter before the blog plugin reads it.

Material stops at the first bad post; this hook reports every problem in one
run, names the file and line, and also enforces the site's own rules: an
explicit ASCII slug and a category from the blog plugin's allowed list.
"""
from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(\n|\Z)", re.DOTALL)
ASCII_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def front_matter_problems(
    path: str, text: str, allowed_categories: Sequence[str]
) -> list[str]:
    """Return one `path:line: message` string per problem in a post's front matter."""
    match = FRONT_MATTER.match(text)
    if not match:
        return [f"{path}:1: no front matter: start the file with a '---' block"]
    try:
        meta = yaml.safe_load(match.group(1) or "")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        # +2: the opening '---' line, and YAML marks count from 0.
        line = mark.line + 2 if mark else 1
        problem = getattr(error, "problem", None) or str(error)
        return [f"{path}:{line}: front matter is not valid YAML: {problem}"]
    except ValueError as error:  # e.g. date: 2017-13-45 matches YAML's date pattern
        return [f"{path}: front matter has an impossible value: {error}"]
    if not isinstance(meta, dict):
        return [f"{path}:2: front matter must be a mapping of keys to values"]

    problems = []
    date = meta.get("date")
    if date is None:
        problems.append(f"{path}: missing 'date' (write date: YYYY-MM-DD)")
    elif not isinstance(date, datetime.date):
        problems.append(f"{path}: 'date' must be YYYY-MM-DD, got {date!r}")

    slug = meta.get("slug")
    if slug is None:
        problems.append(f"{path}: missing 'slug' (an ASCII slug keeps the URL short)")
    elif not isinstance(slug, str) or not ASCII_SLUG.match(slug):
        problems.append(
            f"{path}: 'slug' must be lowercase ASCII words joined by '-', got {slug!r}"
        )

    categories = meta.get("categories")
    if not categories or not isinstance(categories, list):
        problems.append(f"{path}: 'categories' must list one of: {', '.join(allowed_categories)}")
    else:
        for category in categories:
            if category not in allowed_categories:
                problems.append(
                    f"{path}: unknown category {category!r} "
                    f"(allowed: {', '.join(allowed_categories)})"
                )

    tags = meta.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        problems.append(f"{path}: 'tags' must be a list of words")
    return problems


def validate_posts(
    posts: Iterable[tuple[str, str]], allowed_categories: Sequence[str]
) -> list[str]:
    """Collect the problems of all (path, text) posts, so one run reports them all."""
    return [
        problem
        for path, text in posts
        for problem in front_matter_problems(path, text, allowed_categories)
    ]


# Before the blog plugin (priority -50) reads and validates posts itself.
@event_priority(0)
def on_files(files, *, config):
    blog = config.plugins.get("material/blog")
    if blog is None:
        return
    posts_dir = blog.config.post_dir.format(blog=blog.config.blog_dir).strip("/") + "/"
    posts = [
        (os.path.relpath(file.abs_src_path), Path(file.abs_src_path).read_text("utf-8-sig"))
        for file in files.documentation_pages()
        if file.src_uri.startswith(posts_dir)
    ]
    problems = validate_posts(posts, blog.config.categories_allowed)
    if problems:
        raise PluginError(
            f"Invalid front matter in {len(problems)} place(s):\n  " + "\n  ".join(problems)
        )
