"""Every post is reachable the ways a reader looks for it."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest

from kb.content.reading_time import reading_time_minutes
from tests.site.site_pages import linked_paths, page_html

pytestmark = pytest.mark.build


def post_path(post: dict) -> str:
    return f"blog/{post['slug']}/"


def category_path(category: str) -> str:
    return f"blog/category/{category.lower()}/"


def test_there_are_posts(posts):
    assert len(posts) >= 3


def test_each_post_is_built_at_its_slug_url(built_site, posts):
    for post in posts:
        html = page_html(built_site, post_path(post))
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
        assert canonical.endswith("/" + post_path(post))
        assert post_path(post).isascii()
        assert "<h1" in html


def test_each_post_is_listed_on_its_category_pages(built_site, posts):
    for post in posts:
        for category in post["categories"]:
            page = category_path(category)
            assert post_path(post) in linked_paths(page_html(built_site, page), page)


def test_each_post_is_listed_in_the_archive_of_its_year(built_site, posts):
    for post in posts:
        page = f"blog/archive/{post['date'].year}/"
        assert post_path(post) in linked_paths(page_html(built_site, page), page)


def test_each_post_is_listed_on_the_blog_index(built_site, posts):
    listed = linked_paths(page_html(built_site, "blog/"), "blog/")
    assert {post_path(post) for post in posts} <= listed


def test_the_blog_index_shows_each_excerpt_with_a_continue_reading_link(built_site, posts):
    # kb/speedups/blog_excerpts.py renders lists from the text before <!-- more --> only.
    index = page_html(built_site, "blog/")
    articles = re.findall(r'<article class="md-post md-post--excerpt">(.*?)</article>', index, re.DOTALL)
    assert len(articles) == len(posts)
    for article in articles:
        assert len(re.findall(r'<div class="md-post__action">\s*<a href="[^"]+">\s*繼續閱讀', article)) == 1
        assert "<!-- more -->" not in article and "highlight" not in article


def tag_sections(tags_page: str) -> dict[str, str]:
    """Tag name -> the HTML of its section on the tags page."""
    sections = re.split(r'(?=<h2 id="tag:)', tags_page)[1:]
    return {
        re.search(r'<span class="md-tag">([^<]+)</span>', section).group(1): section
        for section in sections
    }


def test_each_tag_of_each_post_lists_it_on_the_tags_page(built_site, posts):
    sections = tag_sections(page_html(built_site, "tags/"))
    for post in posts:
        for tag in post.get("tags", []):
            assert post_path(post) in linked_paths(sections[tag], "tags/"), (post["slug"], tag)


def test_each_post_is_an_item_of_the_rss_feed(built_site, posts):
    channel = ElementTree.parse(built_site / "feed_rss_created.xml").getroot().find("channel")
    links = [item.findtext("link") for item in channel.iter("item")]
    for post in posts:
        assert sum(link.endswith("/" + post_path(post)) for link in links) == 1
    categories = {c.text for item in channel.iter("item") for c in item.iter("category")}
    assert {c for post in posts for c in post["categories"]} <= categories


def test_posts_show_a_reading_time_counted_for_chinese(built_site, posts):
    for post in posts:
        html = page_html(built_site, post_path(post))
        shown = re.search(r"需要 (\d+) 分鐘閱讀", html)
        assert shown, f"{post['slug']}: no reading time on the page"
        # The page's article, nested articles (the timeline's releases) included.
        article = html.split('<article class="md-content__inner md-typeset">', 1)[1].rsplit("</article>", 1)[0]
        # kb/reading-time counts the rendered Markdown; the page adds only headers and links around it.
        assert abs(int(shown.group(1)) - reading_time_minutes(article)) <= 1
        assert int(shown.group(1)) > 1, f"{post['slug']}: a long Chinese post cannot read in 1 minute"
