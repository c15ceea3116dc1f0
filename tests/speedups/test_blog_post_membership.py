from types import SimpleNamespace

from kb.speedups.blog_post_membership import PostList, compare_posts_by_identity


class TitledPage:
    """Equal by title, as mkdocs' Page is."""

    def __init__(self, title):
        self.title = title

    def __eq__(self, other):
        return self.title == other.title


def test_membership_is_identity_not_equality():
    post = TitledPage("布穀鳥過濾器")
    namesake = TitledPage("布穀鳥過濾器")
    posts = PostList([post])
    assert post in posts
    assert namesake not in posts
    assert namesake in list(posts)  # what the plain list would have said


def test_the_blog_posts_are_wrapped_once_in_their_order():
    first, second = TitledPage("一"), TitledPage("二")
    blog_plugin = SimpleNamespace(config=SimpleNamespace(enabled=True), blog=SimpleNamespace(posts=[first, second]))
    assert compare_posts_by_identity(blog_plugin)
    wrapped = blog_plugin.blog.posts
    assert isinstance(wrapped, PostList) and wrapped == [first, second]
    compare_posts_by_identity(blog_plugin)
    assert blog_plugin.blog.posts is wrapped


def test_a_site_without_an_enabled_blog_is_left_alone():
    assert not compare_posts_by_identity(None)
    disabled = SimpleNamespace(config=SimpleNamespace(enabled=False))  # the plugin sets .blog only when enabled
    assert not compare_posts_by_identity(disabled)
    assert not hasattr(disabled, "blog")
