"""The RSS feed builds from a tarball of the project, with no git history.

It reuses the contributed site: a copy of the project, outside any git work
tree, built strictly (a build of its own would cost another 5–10 s).
"""
from __future__ import annotations

import email.utils
import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

pytestmark = pytest.mark.build


def test_feed_builds_outside_a_git_repository(contributed_site, posts):
    inside_git = subprocess.run(
        ["git", "rev-parse", "--is-inside-work-tree"], cwd=contributed_site.project, capture_output=True
    )
    assert inside_git.returncode != 0, "the copy must not be inside a git work tree"
    assert contributed_site.build.returncode == 0, contributed_site.build.stderr
    channel = ElementTree.parse(contributed_site.site / "feed_rss_created.xml").getroot().find("channel")
    published = {
        item.findtext("link"): email.utils.parsedate_to_datetime(item.findtext("pubDate")).date()
        for item in channel.iter("item")
    }
    for post in posts:
        (date,) = [date for link, date in published.items() if link.endswith(f"/blog/{post['slug']}/")]
        assert date == post["date"], post["slug"]  # from the front matter, not from git
