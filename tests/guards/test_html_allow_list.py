"""Raw HTML held to the allow-list (kb/guards/html_allow_list.py): what is rejected, by which rule, and where."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from kb.content.graphviz_svg import draw_dot
from kb.content.timeline import load_timeline, render_timeline
from kb.guards import html_allow_list as allow_list
from kb.guards.html_allow_list import (
    ALLOW_LIST, FRAMES_AND_OBJECTS, OFF_SITE_FORMS, OFF_SITE_LOADS, REDIRECTS, SCRIPTS, SECOND_OPINION, URL_SCHEMES,
    PageException, html_problems, load_allow_list, problem_lines, read_exceptions, unused_exceptions,
)
from tests.conftest import REPO_ROOT

DATA = REPO_ROOT / "data/html-allow-list.yml"
ALLOW = load_allow_list(DATA, "data/html-allow-list.yml")
MATHJAX_SVG = Path(__file__).with_name("mathjax_svg_output.html").read_text("utf-8")
EMBED = PageException("iframe", "https://www.youtube-nocookie.com", "示範影片", 5)


def rules(html: str, exceptions=()) -> list[tuple[str, str]]:
    return [(problem.rule.name, problem.markup) for problem in html_problems(html, ALLOW, exceptions)]


# Each kind the issue names, as a post carried it, and the one problem it gets.
REJECTED = {
    "script": ('<script>alert(1)</script>', SCRIPTS, "<script>"),
    "event handler": ('<img src="x.png" onerror="alert(1)">', SCRIPTS, '<img onerror="alert(1)">'),
    "svg onload": ('<svg onload="alert(1)"></svg>', SCRIPTS, '<svg onload="alert(1)">'),
    "javascript: link": ('<p><a href="javascript:alert(1)">點我</a></p>', URL_SCHEMES, '<a href="javascript:alert(1)">'),
    "mixed-case scheme": ('<a href="JaVaScRiPt:alert(1)">x</a>', URL_SCHEMES, '<a href="JaVaScRiPt:alert(1)">'),
    "iframe": ('<iframe src="https://evil.example/"></iframe>', FRAMES_AND_OBJECTS, '<iframe src="https://evil.example/">'),
    "object": ('<object data="https://evil.example/x"></object>', FRAMES_AND_OBJECTS,
               '<object data="https://evil.example/x">'),
    "off-site video": ('<video src="https://evil.example/v.mp4"></video>', OFF_SITE_LOADS,
                       '<video src="https://evil.example/v.mp4">'),
    "off-site srcset": ('<img srcset="https://evil.example/x.png 2x" alt="">', OFF_SITE_LOADS,
                        '<img srcset="https://evil.example/x.png 2x">'),
    "css url()": ('<span style="background:url(https://evil.example/x.png)">x</span>', OFF_SITE_LOADS,
                  '<span style="background:url(https://evil.example/x.png)">'),
    "off-site form": ('<form action="https://evil.example/collect"><input name="q"></form>', OFF_SITE_FORMS,
                      '<form action="https://evil.example/collect">'),
    "meta refresh": ('<p>x</p><meta http-equiv="refresh" content="0;url=https://evil.example/">', REDIRECTS,
                     '<meta http-equiv="refresh">'),
    "off-site image": ('<img src="https://evil.example/x.png" alt="">', OFF_SITE_LOADS,
                       '<img src="https://evil.example/x.png">'),
}


@pytest.mark.parametrize("html, rule, markup", REJECTED.values(), ids=REJECTED)
def test_each_kind_the_issue_names_is_rejected_by_its_rule(html, rule, markup):
    assert rules(html) == [(rule.name, markup)]


# Written so that a check reading HTML differently from a browser would miss them.
DISGUISED = {
    "entity in the scheme": ('<a href="&#106;avascript:alert(1)">x</a>', URL_SCHEMES),
    "tab in the scheme": ('<a href="java\tscript:alert(1)">x</a>', URL_SCHEMES),
    "leading space": ('<a href=" javascript:alert(1)">x</a>', URL_SCHEMES),
    "data: image": ('<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="">', URL_SCHEMES),
    "host without a scheme": ('<img src="//evil.example/x.png" alt="">', OFF_SITE_LOADS),
    "backslashes for slashes": ('<img src="\\\\evil.example/x.png" alt="">', OFF_SITE_LOADS),
    "second srcset candidate": ('<img srcset="a.png 1x, https://evil.example/b.png 2x" alt="">', OFF_SITE_LOADS),
    "CSS escape in url": ('<span style="background: u\\72l(https://evil.example/x)">x</span>', OFF_SITE_LOADS),
    "quoted CSS url": ('<span style="background-image: URL( \'//evil.example/x\' )">x</span>', OFF_SITE_LOADS),
    "CSS image-set": ('<span style="background: image-set(\'https://evil.example/x\' 1x)">x</span>', OFF_SITE_LOADS),
    "SVG paint from a URL": ('<svg><path d="M0 0" fill="url(https://evil.example/p.svg#g)"></path></svg>',
                             OFF_SITE_LOADS),
    "SVG use of another host": ('<svg><use href="https://evil.example/s.svg#a"></use></svg>', OFF_SITE_LOADS),
    "SVG link to javascript:": ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', URL_SCHEMES),
    "body attributes": ('<p>x</p><body onload="alert(1)">', SCRIPTS),
    "img after an empty comment": ('<p>x<!--> <img src=x onerror=alert(1)> --></p>', SCRIPTS),
    "noscript read with scripting on": ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
                                        SCRIPTS),
    "srcdoc": ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', FRAMES_AND_OBJECTS),
    "embed": ('<embed src="x.swf">', FRAMES_AND_OBJECTS),
    "form button": ('<button formaction="https://evil.example/">送出</button>', OFF_SITE_FORMS),
    "style element": ('<style>body { background: red }</style>', ALLOW_LIST),
    "off-site stylesheet": ('<link rel="stylesheet" href="https://evil.example/x.css">', OFF_SITE_LOADS),
    "base": ('<base href="https://evil.example/">', ALLOW_LIST),
}


@pytest.mark.parametrize("html, rule", DISGUISED.values(), ids=DISGUISED)
def test_disguised_markup_is_read_as_a_browser_reads_it(html, rule):
    assert rule.name in [name for name, _ in rules(html)]


def test_an_unknown_element_with_a_handler_breaks_two_rules():
    assert rules('<marquee onstart="alert(1)">x</marquee>') == [
        (ALLOW_LIST.name, "<marquee>"), (SCRIPTS.name, '<marquee onstart="alert(1)">'),
    ]


def test_an_attribute_off_the_list_names_the_data_file():
    [problem] = html_problems('<a href="https://kubernetes.io/" target="_blank">x</a>', ALLOW)
    assert problem.describe(ALLOW) == (
        '<a target="_blank">: not on the allow-list (data/html-allow-list.yml); add it there with who needs it '
        "(rule: allow-list)"
    )


HARMLESS = """
<p>按 <kbd>Ctrl</kbd> + <kbd>C</kbd>；<abbr title="Container Network Interface">CNI</abbr>；H<sub>2</sub>O，m<sup>2</sup>；
<mark>重點</mark><del>刪</del><ins>增</ins><s>舊</s><small>小</small><q cite="https://kubernetes.io/">引</q>
<ruby>漢<rt>ㄏㄢˋ</rt></ruby><time datetime="2017-12-02">十二月二日</time>
<span style="color: var(--md-accent-fg-color)">字</span><a href="https://kubernetes.io/docs/" title="文件">外部連結</a>
<a href="../cuckoo-filter/#四個賣點">站內連結</a><br></p>
<details open><summary>細節</summary><p>內文</p></details>
<table><caption>表</caption><thead><tr><th scope="col" style="text-align: right">欄</th></tr></thead>
<tbody><tr><td colspan="1">值</td></tr></tbody></table>
<figure><img src="../../assets/screenshots/home.png" alt="首頁" width="48" height="48" loading="lazy">
<figcaption>圖說</figcaption></figure>
<img srcset="../../assets/a.png 1x, ../../assets/b.png 2x" src="../../assets/a.png" alt="">
<video src="../../assets/videos/demo.mp4" controls poster="../../assets/a.png">
<track kind="captions" src="../../assets/videos/demo.vtt" srclang="zh-Hant" label="中文"></video>
<audio controls><source src="../../assets/audio/demo.ogg" type="audio/ogg"></audio>
<dl><dt>詞</dt><dd>解釋</dd></dl>
"""


def test_what_technical_writing_needs_passes():
    assert rules(HARMLESS) == []


def test_mathjax_svg_output_passes_with_its_stylesheet_before_the_first_formula():
    assert "<mjx-assistive-mml" in MATHJAX_SVG and "xlink:href" in MATHJAX_SVG
    stylesheet = '<link rel="stylesheet" href="../../assets/mathjax/svg.css">'
    assert rules(f"<p>公式：</p>{stylesheet}{MATHJAX_SVG}") == []


def test_graphviz_diagrams_pass():
    source = textwrap.dedent("""
        digraph shapes {
          node [shape=box, style="rounded,filled"]
          a [shape=ellipse, class=accent]; b [shape=box]; c [shape=circle]
          a -> b [label="REST", style=dashed]; b -> c [arrowhead=vee]; c -> a [dir=both]
          label="圖說"
          comment="說明。"
        }
    """)
    assert rules(draw_dot(source).figure) == []


def test_the_release_timeline_passes():
    html = render_timeline(load_timeline(REPO_ROOT / "data/timeline.yml"))
    assert 'style="grid-row' in html
    assert rules(html) == []


def test_an_exception_allows_its_element_from_its_origin_only():
    embed = '<iframe src="https://www.youtube-nocookie.com/embed/x" title="影片" allowfullscreen></iframe>'
    assert rules(embed, [EMBED]) == []
    assert rules(embed.replace("youtube-nocookie", "youtube"), [EMBED]) == [
        (FRAMES_AND_OBJECTS.name, '<iframe src="https://www.youtube.com/embed/x">'),
    ]


def test_an_exception_never_allows_scripts():
    embed = '<iframe src="https://www.youtube-nocookie.com/embed/x" onload="alert(1)"></iframe>'
    assert rules(embed, [EMBED]) == [(SCRIPTS.name, '<iframe onload="alert(1)">')]
    assert rules('<script src="https://www.youtube-nocookie.com/x.js"></script>', [EMBED])[0][0] == SCRIPTS.name


def test_an_exception_no_element_needs_is_unused():
    assert unused_exceptions("<p>沒有嵌入</p>", [EMBED]) == [EMBED]
    assert unused_exceptions('<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>', [EMBED]) == []


def test_a_notebook_is_checked_inside_its_markdown_regions_only():
    notebook = (
        '<style>.jp-Cell { color: red }</style><div class="jp-Cell">'
        '<div data-mime-type="text/markdown"><p>說明</p><img src="https://evil.example/x.png" alt=""></div>'
        '<div data-mime-type="image/png"><img src="data:image/png;base64,AAAA" alt=""></div></div>'
    )
    assert [(problem.rule, problem.markup) for problem in html_problems(
        notebook, ALLOW, regions='[data-mime-type="text/markdown"]')] == [
        (OFF_SITE_LOADS, '<img src="https://evil.example/x.png">'),
    ]


def test_what_nh3_would_remove_is_reported_when_the_rules_miss_it():
    # A cleaner that has lost <kbd>: the allow-list and nh3 disagree, and the page is not let through.
    without_kbd = {tag: names for tag, names in ALLOW.elements.items() if tag != "kbd"}
    disagreeing = allow_list.AllowList(
        ALLOW.source, ALLOW.elements, ALLOW.every_element, ALLOW.prefixes, ALLOW.exception_directives,
        allow_list.nh3_cleaner(without_kbd, ALLOW.every_element, ALLOW.prefixes), ALLOW.unruled,
    )
    assert [(problem.rule, problem.markup) for problem in html_problems("<p><kbd>K</kbd></p>", disagreeing)] == [
        (SECOND_OPINION, "<kbd>"),
    ]


SOURCE = """---
date: 2017-12-08
---

# 標題

提到 onerror 這個字。
<img src="a.png" onerror="alert(1)">
<img src="b.png" onerror="alert(2)">
[點我](&#106;avascript:alert(1))
"""


def test_problems_point_at_the_lines_that_hold_them():
    problems = html_problems(
        '<img src="a.png" onerror="alert(1)"><img src="b.png" onerror="alert(2)">'
        '<a href="javascript:alert(1)">點我</a><p><script>x</script></p>', ALLOW)
    # The prose mention of onerror is not an attribute; the script is not in this source at all.
    assert problem_lines(SOURCE, problems, allow_list.body_start(SOURCE)) == [8, 9, 10, None]


def test_lines_are_looked_for_after_the_front_matter_only():
    source = "---\ntitle: <script>\n---\n\n<script>x</script>\n"
    problems = html_problems("<script>x</script>", ALLOW)
    assert problem_lines(source, problems, allow_list.body_start(source)) == [5]


def front_matter(entries: str) -> str:
    return f"---\ndate: 2017-12-08\nhtml_exceptions:\n{textwrap.dedent(entries)}---\n\n# 標題\n"


def test_a_well_formed_exception_is_read_with_its_line():
    source = front_matter("""\
        - element: iframe
          source: https://www.YouTube-nocookie.com/
          why: 研討會演講的錄影，由站方審查（#42）
    """)
    assert read_exceptions("post.md", source, ALLOW) == (
        [PageException("iframe", "https://www.youtube-nocookie.com", "研討會演講的錄影，由站方審查（#42）", 4)], [],
    )


def test_bad_exceptions_are_named_with_file_line_and_field():
    source = front_matter("""\
        - element: script
          source: http://example.org/path
          why: ""
        - iframe
    """)
    exceptions, problems = read_exceptions("post.md", source, ALLOW)
    assert exceptions == []
    assert problems == [
        "post.md:4: 'element' 'script' cannot be allowed by an exception "
        "(elements that can: audio, iframe, source, track, video)",
        "post.md:5: 'source' must be an https origin such as https://www.example.org (no path), "
        "got 'http://example.org/path'",
        "post.md:6: 'why' must say why the page needs it and who reviewed it",
        "post.md:7: 'html_exceptions' is a list of mappings with element, source, why",
    ]


def allow_list_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "allow.yml"
    path.write_text(textwrap.dedent(text), "utf-8")
    return path


def test_the_allow_list_cannot_allow_scripts_frames_or_handlers(tmp_path):
    path = allow_list_file(tmp_path, """\
        every_element:
          why: everywhere
          attributes: [class, onclick]
          prefixes: [o]
        elements:
          script:
            why: scripts
            attributes: []
          img:
            why: images
            attributes: [onerror, loading]
        page_exceptions:
          object: object-src
    """)
    with pytest.raises(PluginError) as raised:
        load_allow_list(path, "allow.yml")
    assert str(raised.value).splitlines() == [
        "allow.yml:6: <script> cannot be allowed on every page (kb.guards.html_allow_list rules)",
        "allow.yml:10: img: onerror runs script and cannot be allowed",
        "allow.yml:13: page_exceptions: <object> from 'object-src' cannot be allowed "
        "(directives: frame-src, img-src, media-src)",
        "allow.yml:2: every_element: onclick runs script and cannot be allowed",
        "allow.yml:2: every_element: o runs script and cannot be allowed",
    ]


def test_every_addition_to_the_allow_list_says_who_needs_it(tmp_path):
    path = allow_list_file(tmp_path, """\
        every_element: {why: x, attributes: [], prefixes: []}
        elements:
          video:
            attributes: [src]
        page_exceptions: {}
    """)
    with pytest.raises(PluginError, match=r"allow.yml:4: video: expected the keys why, attributes"):
        load_allow_list(path, "allow.yml")
