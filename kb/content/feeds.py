"""The `kb/feeds` plugin: what mkdocs-rss-plugin cannot know, so that both RSS feeds are valid and true.

Left to itself, mkdocs-rss-plugin 1.19 writes into feed_rss_created.xml and
feed_rss_updated.xml (and the JSON feeds):

- `<image><url>None</url>`: it always writes the channel's image, and its
  `image` option has no default. The option takes an absolute URL, and the
  site's URL comes from the environment (SITE_URL), so mkdocs.yml cannot spell
  it: on_config sets it to the theme's favicon under site_url.
- the build time as every post's update date: with `use_git: false` it reads
  the update from the front matter field its `date_from_meta.as_update` names
  (`updated`, checked by kb/front-matter), and a post without one gets the
  time of the build. Here such a post's update is its creation date (the field
  `as_creation` names: `date`).
- descriptions that start with the post's title as an `<h1>`: it renders the
  Markdown before `<!-- more -->` (its `abstract_delimiter`), title included.
  Here a post's description is that same Markdown rendered the same way, after
  its title (kb/page_titles.py), handed over in the page's
  `rss.feed_description`, the plugin's per-page option.

Its `<managingEditor>` is `site_author`, which RSS 2.0 wants to be an e-mail
address; mkdocs.yml has no `site_author` for that reason.
"""
from __future__ import annotations

import functools
import re
from urllib.parse import urljoin

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.guards.plugin_order import RunsBefore, enforce_order
from kb.page_titles import lines_after_title

RSS = "rss"
# RSS 2.0: the channel's image is a GIF, JPEG or PNG.
CHANNEL_IMAGE_TYPES = (".gif", ".jpeg", ".jpg", ".png")
EXCERPTS_REMEMBERED = 10_000


def channel_image_url(site_url: str, favicon: str) -> str:
    """The absolute URL of the theme's favicon (a path under the site, as in mkdocs.yml)."""
    return urljoin(site_url, favicon)


def description_without_title(page_markdown: str, delimiter: str) -> str | None:
    """The excerpt as mkdocs-rss-plugin renders it, less the title; None when there is no excerpt or title."""
    position = page_markdown.find(delimiter)
    if position < 0:
        return None
    return _excerpt_without_title(page_markdown[:position])


@functools.lru_cache(maxsize=EXCERPTS_REMEMBERED)  # `mkdocs serve` rebuilds: most excerpts are as they were
def _excerpt_without_title(excerpt: str) -> str | None:
    after_title = lines_after_title(excerpt.split("\n"))
    if after_title is None:
        return None
    return markdown.markdown("\n".join(after_title), output_format="html5")


class FeedsPlugin(BasePlugin):
    ORDER = (
        RunsBefore("config", (RSS,), "mkdocs-rss-plugin reads its image option in its on_config"),
        RunsBefore("page_content", (RSS,),
                   "mkdocs-rss-plugin reads each post's dates and description in its on_page_content"),
    )

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        rss = config.plugins.get(RSS)
        if rss is None:
            raise PluginError(f"kb/feeds completes mkdocs-rss-plugin's feeds; add {RSS} to plugins in mkdocs.yml.")
        enforce_order(config, self, self.ORDER)
        if not config.site_url:
            raise PluginError("kb/feeds: feeds link with absolute URLs; set site_url in mkdocs.yml.")
        favicon = config.theme["favicon"]
        if not favicon.lower().endswith(CHANNEL_IMAGE_TYPES):
            raise PluginError(
                f"mkdocs.yml: theme.favicon {favicon!r} is the feeds' channel image, which RSS 2.0 wants "
                f"to be one of {', '.join(CHANNEL_IMAGE_TYPES)}; use such a file as the favicon."
            )
        rss.config.image = channel_image_url(config.site_url, favicon)
        return config

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        rss = config.plugins[RSS].config
        if not re.match(rss.match_path, page.file.src_uri):
            return html
        meta = page.meta
        dates = rss.date_from_meta
        if dates.as_creation in meta:
            meta.setdefault(dates.as_update, meta[dates.as_creation])
        # A description in the front matter is the plugin's first choice; it stays.
        if "description" not in meta and "feed_description" not in meta.get("rss", {}):
            if description := description_without_title(page.markdown or "", rss.abstract_delimiter):
                meta.setdefault("rss", {})["feed_description"] = description
        return html
