from types import SimpleNamespace

from hooks.blog_post_membership import PostList, on_files


class TitledPage:
    """Equal by title, as mkdocs' Page is."""

    def __init__(self, title):
        self.title = title

    def __eq__(self, other):
        return self.title == other.title


def blog_config(posts):
    blog = SimpleNamespace(blog=SimpleNamespace(posts=posts))
    return SimpleNamespace(plugins={"material/blog": blog}), blog.blog


def test_membership_is_identity_not_equality():
    post = TitledPage("布穀鳥過濾器")
    namesake = TitledPage("布穀鳥過濾器")
    posts = PostList([post])
    assert post in posts
    assert namesake not in posts
    assert namesake in list(posts)  # what the plain list would have said


def test_the_blog_posts_are_wrapped_once_in_their_order():
    first, second = TitledPage("一"), TitledPage("二")
    config, blog = blog_config([first, second])
    on_files(None, config=config)
    wrapped = blog.posts
    assert isinstance(wrapped, PostList) and wrapped == [first, second]
    on_files(None, config=config)
    assert blog.posts is wrapped


def test_a_site_without_an_enabled_blog_is_left_alone():
    on_files(None, config=SimpleNamespace(plugins={}))
    disabled = SimpleNamespace()  # the plugin sets .blog only when enabled
    on_files(None, config=SimpleNamespace(plugins={"material/blog": disabled}))
    assert not hasattr(disabled, "blog")
