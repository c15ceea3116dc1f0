"""The RSS feeds build from a tarball of the project, with no git history, dated by front matter.

It reuses the contributed site: a copy of the project, outside any git work
tree, built strictly (a build of its own would cost another 5–10 s).
"""
from __future__ import annotations

import email.utils
import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

pytestmark = pytest.mark.build


def items_by_link(feed) -> dict[str, object]:
    channel = ElementTree.parse(feed).getroot().find("channel")
    return {
        item.findtext("link"): email.utils.parsedate_to_datetime(item.findtext("pubDate")).date()
        for item in channel.iter("item")
    }


def date_of(items: dict, post: dict):
    (date,) = [date for link, date in items.items() if link.endswith(f"/blog/{post['slug']}/")]
    return date


def test_feed_builds_outside_a_git_repository(contributed_site, posts):
    inside_git = subprocess.run(
        ["git", "rev-parse", "--is-inside-work-tree"], cwd=contributed_site.project, capture_output=True
    )
    assert inside_git.returncode != 0, "the copy must not be inside a git work tree"
    assert contributed_site.build.returncode == 0, contributed_site.build.stderr
    created = items_by_link(contributed_site.site / "feed_rss_created.xml")
    updated = items_by_link(contributed_site.site / "feed_rss_updated.xml")
    for post in posts:  # from the front matter, not from git nor the build's clock
        assert date_of(created, post) == post["date"], post["slug"]
        assert date_of(updated, post) == post.get("updated", post["date"]), post["slug"]
