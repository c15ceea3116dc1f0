"""Blog lists render each post's excerpt, not the whole post again.

Material renders a post's excerpt by converting the *whole* post and keeping
what comes before `<!-- more -->`, once for every list the post is on (blog
index, archive, category pages). With code blocks and math after the marker,
that is most of a build's Markdown time. Here each excerpt's parser receives
only the text up to the marker. Lists show exactly the same HTML as long as the
excerpt does not use a reference link or footnote defined after the marker;
`excerpt_markdown` keeps the whole post in that case.

The patch: the `convert` of the Markdown instance Material's blog gives each
post's excerpt (`page.excerpt.md`, material.plugins.blog.structure.Excerpt).
"""
from __future__ import annotations

import re

from mkdocs.structure.pages import Page

NAME = "kb.speedups.blog_excerpts"
# The upstream versions this patch was written for.
REQUIRES = {"mkdocs-material": ("9.8.2",)}

# A reference-style link or footnote use: [text][label], [label][], [^note].
REFERENCE_USE = re.compile(r"\]\[[^\]]*\]|\[\^[^\]]+\]")
# Stands in for the rest of the post: lists only test that there is a rest,
# to show the "continue reading" link.
REST_LEFT_OUT = "\n\n<!-- the rest of the post is left out of lists -->\n"


def excerpt_markdown(markdown: str, separator: str) -> str:
    """What a post's excerpt needs: the text up to the separator, and a stand-in for the rest.

    The whole post when there is no separator or nothing after it, or when the
    excerpt uses a reference link or footnote whose definition may follow.
    """
    head, found, rest = markdown.partition(separator)
    if not found or not rest.strip() or REFERENCE_USE.search(head):
        return markdown
    return head + found + REST_LEFT_OUT


def shorten_excerpt(page: Page, separator: str) -> bool:
    """Make the page's excerpt (if it is a post) convert only its excerpt; True if it is one."""
    excerpt = getattr(page, "excerpt", None)  # set by the blog plugin on posts only
    if excerpt is None:
        return False
    convert = excerpt.md.convert
    excerpt.md.convert = lambda text: convert(excerpt_markdown(text, separator))
    return True
