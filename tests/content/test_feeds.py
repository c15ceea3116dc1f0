"""kb/feeds: what it hands mkdocs-rss-plugin (kb/content/feeds.py); tests/site/test_feeds.py reads the feeds."""
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from kb.content.feeds import channel_image_url, description_without_title
from tests.conftest import REPO_ROOT

MORE = "<!-- more -->"


def test_the_channel_image_is_the_favicon_under_the_site_url():
    assert channel_image_url("https://example.org/kb/", "assets/images/favicon.png") == (
        "https://example.org/kb/assets/images/favicon.png"
    )


def test_the_description_is_the_excerpt_after_an_atx_title():
    page = f"# 標題\n\n摘要的 **第一句**。\n\n{MORE}\n\n內文。\n"
    assert description_without_title(page, MORE) == "<p>摘要的 <strong>第一句</strong>。</p>"


def test_the_description_leaves_out_both_lines_of_a_setext_title():
    assert description_without_title(f"標題\n===\n\n摘要。\n{MORE}\n", MORE) == "<p>摘要。</p>"


def test_a_post_without_an_excerpt_or_a_title_keeps_the_plugins_description():
    assert description_without_title("# 標題\n\n只有內文。\n", MORE) is None
    assert description_without_title(f"標題寫在 front matter 裡。\n\n{MORE}\n", MORE) is None


@pytest.fixture
def site_config():
    return load_config(str(REPO_ROOT / "mkdocs.yml"), site_url="https://example.org/kb/")


def test_the_rss_plugins_image_option_is_set_to_the_favicons_url(site_config):
    site_config.plugins["kb/feeds"].on_config(site_config)
    assert site_config.plugins["rss"].config.image == "https://example.org/kb/assets/images/favicon.png"


def test_a_favicon_that_rss_cannot_show_fails_with_the_fix(site_config):
    site_config.theme["favicon"] = "assets/images/logo.svg"
    with pytest.raises(PluginError, match=r"theme.favicon 'assets/images/logo.svg' is the feeds' channel image"):
        site_config.plugins["kb/feeds"].on_config(site_config)
