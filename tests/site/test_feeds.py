"""Both RSS feeds, read by feedparser as a feed reader reads them: valid channel, true dates, descriptions without the title."""
from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ElementTree

import feedparser
import pytest

pytestmark = pytest.mark.build

FEEDS = ("feed_rss_created.xml", "feed_rss_updated.xml")
# RSS 2.0's managingEditor: an e-mail address, optionally followed by a name in parentheses.
RSS_EMAIL = re.compile(r"^[^@\s()]+@[^@\s()]+\.[^@\s()]+(?: \([^()]+\))?$")
# The first bytes of the image types RSS 2.0 allows for a channel image.
IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"\xff\xd8\xff")


@pytest.fixture(scope="module", params=FEEDS)
def feed(request, built_site) -> tuple[str, feedparser.FeedParserDict]:
    return request.param, feedparser.parse((built_site / request.param).read_bytes())


def published_day(entry) -> datetime.date:
    return datetime.date(*entry.published_parsed[:3])


def slug_of(entry) -> str:
    return entry.link.rstrip("/").rsplit("/", 1)[-1]


def test_the_feed_is_well_formed_rss(feed):
    name, parsed = feed
    assert not parsed.bozo, f"{name}: {parsed.get('bozo_exception')}"
    assert parsed.version == "rss20"


def test_the_channel_image_is_a_picture_the_site_serves(feed, built_site, site_server):
    name, parsed = feed
    if "image" not in parsed.feed:
        return  # no image is valid too
    image = parsed.feed.image
    assert image.href.startswith(site_server.url), f"{name}: {image.href!r} is not on the site"
    served = built_site / image.href.removeprefix(site_server.url)
    assert served.is_file(), f"{name}: {image.href} is not in the built site"
    assert served.read_bytes().startswith(IMAGE_SIGNATURES), f"{name}: {image.href} is not a PNG, GIF or JPEG"
    assert image.title == parsed.feed.title
    assert image.link == parsed.feed.link


def test_the_managing_editor_is_an_email_address_when_there_is_one(feed, built_site):
    name, _ = feed
    editor = ElementTree.parse(built_site / name).getroot().find("channel").findtext("managingEditor")
    assert editor is None or RSS_EMAIL.match(editor), f"{name}: managingEditor {editor!r} is not an e-mail address"


def test_the_created_feed_dates_each_post_by_its_date(built_site, posts):
    parsed = feedparser.parse((built_site / "feed_rss_created.xml").read_bytes())
    dated = {slug_of(entry): published_day(entry) for entry in parsed.entries}
    assert dated == {post["slug"]: post["date"] for post in posts}


def test_the_updated_feed_dates_each_post_by_its_update_or_else_its_date(built_site, posts):
    parsed = feedparser.parse((built_site / "feed_rss_updated.xml").read_bytes())
    dated = {slug_of(entry): published_day(entry) for entry in parsed.entries}
    assert dated == {post["slug"]: post.get("updated", post["date"]) for post in posts}
    assert any("updated" in post for post in posts), "no post has an update to show"


def test_the_updated_feed_lists_the_latest_revision_first(built_site):
    parsed = feedparser.parse((built_site / "feed_rss_updated.xml").read_bytes())
    days = [published_day(entry) for entry in parsed.entries]
    assert days == sorted(days, reverse=True)


def test_no_description_repeats_the_title(feed):
    name, parsed = feed
    for entry in parsed.entries:
        text = re.sub(r"<[^>]+>", "", entry.summary).strip()
        assert text, f"{name}: {slug_of(entry)} has an empty description"
        assert not entry.summary.lstrip().startswith("<h1"), f"{name}: {slug_of(entry)}"
        assert not text.startswith(entry.title), f"{name}: {slug_of(entry)}'s description starts with its title"
