from kb.speedups.blog_excerpts import REST_LEFT_OUT, excerpt_markdown

MORE = "<!-- more -->"


def test_the_excerpt_gets_the_text_before_the_marker_and_a_stand_in_for_the_rest():
    post = f"# 標題\n\n摘要。\n\n{MORE}\n\n```python\nprint(1)\n```\n"
    assert excerpt_markdown(post, MORE) == f"# 標題\n\n摘要。\n\n{MORE}{REST_LEFT_OUT}"


def test_a_post_with_nothing_after_the_marker_is_left_whole():
    # Lists then show no "continue reading" link, as before.
    assert excerpt_markdown(f"摘要。\n\n{MORE}\n\n", MORE) == f"摘要。\n\n{MORE}\n\n"


def test_a_post_without_the_marker_is_left_whole():
    assert excerpt_markdown("全文。\n", MORE) == "全文。\n"


def test_an_excerpt_using_a_footnote_or_reference_link_keeps_the_definitions():
    for head in ("見論文[^1]。", "見[論文][fan2014]。", "見[論文][]。"):
        post = f"{head}\n\n{MORE}\n\n[^1]: Fan et al.\n[fan2014]: https://example.org\n"
        assert excerpt_markdown(post, MORE) == post
