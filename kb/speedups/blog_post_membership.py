"""The blog plugin tells its posts apart by identity.

Material's blog plugin asks `page in posts` for every page, twice per build.
`list.__contains__` compares with `Page.__eq__`, which compares titles, and a
post not rendered yet parses its Markdown for its title on each comparison:
posts × pages title parses, 16 % of a 1,000-post build. A build has exactly one
Page object per file, so identity gives the same answer.

The patch: the blog's list of posts (`material/blog` plugin's `blog.posts`).
"""
from __future__ import annotations

from typing import Any

NAME = "kb.speedups.blog_post_membership"
# The upstream versions this patch was written for.
REQUIRES = {"mkdocs-material": ("9.8.2",)}


class PostList(list):
    """A list whose `in` checks identity instead of `==`, from a set of its items' ids.

    Every call that changes the list forgets the set (the blog only sorts its
    posts, before wrapping them), so it is never out of date.
    """

    _ids: set[int] | None = None

    def __contains__(self, item: object) -> bool:
        if self._ids is None:
            self._ids = {id(post) for post in self}
        return id(item) in self._ids


def _forgetting(name: str) -> Any:
    change = getattr(list, name)

    def changed(self: PostList, *args: Any, **kwargs: Any) -> Any:
        self._ids = None
        return change(self, *args, **kwargs)

    changed.__name__ = name
    return changed


for _name in ("__setitem__", "__delitem__", "__iadd__", "__imul__", "append", "extend", "insert", "pop", "remove",
              "clear", "sort", "reverse"):
    setattr(PostList, _name, _forgetting(_name))


def compare_posts_by_identity(blog_plugin: Any) -> bool:
    """Wrap the blog's posts in a PostList; False when there is no blog plugin or it is disabled."""
    if blog_plugin is None or not blog_plugin.config.enabled:
        return False
    # Read directly: a blog plugin without `blog.posts` fails the build instead of skipping this.
    blog = blog_plugin.blog
    if not isinstance(blog.posts, PostList):
        blog.posts = PostList(blog.posts)
    return True
