"""The RSS feed builds from a tarball of the project, with no git history."""
from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

from tests.conftest import run_mkdocs_build

pytestmark = pytest.mark.build


def test_feed_builds_outside_a_git_repository(project_copy, posts):
    inside_git = subprocess.run(
        ["git", "rev-parse", "--is-inside-work-tree"], cwd=project_copy, capture_output=True
    )
    assert inside_git.returncode != 0, "the copy must not be inside a git work tree"
    result = run_mkdocs_build(project_copy, project_copy / "site")
    assert result.returncode == 0, result.stderr
    channel = ElementTree.parse(project_copy / "site/feed_rss_created.xml").getroot().find("channel")
    dates = [item.findtext("pubDate") for item in channel.iter("item")]
    assert len(dates) == len(posts)
    assert all(date and "2017" in date for date in dates)
