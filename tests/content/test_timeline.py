import re
import textwrap
from pathlib import Path

import pytest

from kb.content.timeline import PROJECTS, Release, TimelineError, TimelinePlugin, load_timeline, render_timeline
from tests.conftest import REPO_ROOT

DATA = REPO_ROOT / "data/timeline.yml"
PATH = Path("data/timeline.yml")

GOOD_ENTRY = """\
- project: Kubernetes
  version: "1.3"
  date: 2016-07-01
  highlights:
    - PetSet（alpha）
    - 叢集聯邦
  source: https://kubernetes.io/blog/2016/07/kubernetes-1-3/
"""
MESOS_ENTRY = """\
- project: Apache Mesos
  version: "1.0.0"
  date: 2016-07-27
  highlights:
    - Unified Containerizer
    - GPU
  source: https://mesos.apache.org/blog/mesos-1-0-0-released/
"""


def load(text: str) -> list[Release]:
    return load_timeline(PATH, textwrap.dedent(text))


def problem_of(text: str) -> str:
    with pytest.raises(TimelineError) as caught:
        load(text)
    return str(caught.value)


@pytest.fixture(scope="module")
def releases() -> list[Release]:
    return load_timeline(DATA)


def test_the_data_covers_kubernetes_1_0_to_1_9_and_mesos_0_23_to_1_4(releases):
    versions = {(release.project, release.version) for release in releases}
    assert {("Kubernetes", f"1.{minor}") for minor in range(10)} <= versions
    mesos = [f"0.{minor}.0" for minor in range(23, 29)] + [f"1.{minor}.0" for minor in range(5)]
    assert {("Apache Mesos", version) for version in mesos} <= versions


def test_the_data_spans_mid_2015_to_the_end_of_2017(releases):
    dates = sorted(release.date for release in releases)
    assert dates[0].isoformat() >= "2015-07-01" and dates[-1].isoformat() <= "2017-12-31"


def test_a_good_entry_loads():
    (release,) = load(GOOD_ENTRY)
    assert release == Release(
        "Kubernetes", "1.3", release.date, ("PetSet（alpha）", "叢集聯邦"), "https://kubernetes.io/blog/2016/07/kubernetes-1-3/"
    )
    assert release.date.isoformat() == "2016-07-01"
    assert release.anchor == "kubernetes-1-3"


@pytest.mark.parametrize(
    "broken, expected",
    [
        (GOOD_ENTRY.replace("  date: 2016-07-01\n", ""), "data/timeline.yml:1: entry 1 (Kubernetes 1.3): missing field 'date'"),
        (GOOD_ENTRY.replace("2016-07-01", "2016-7-1"), "field 'date' must be a date written YYYY-MM-DD, got '2016-7-1'"),
        (GOOD_ENTRY.replace("2016-07-01", "2016-13-01"), "field 'date' '2016-13-01' is not a real date"),
        (GOOD_ENTRY.replace("project: Kubernetes", "project: Nomad"), "entry 1 (Nomad 1.3): field 'project' must be one of Kubernetes, Apache Mesos"),
        (GOOD_ENTRY + GOOD_ENTRY, "data/timeline.yml:8: entry 2 (Kubernetes 1.3): field 'version' duplicates entry 1"),
        (GOOD_ENTRY.replace("https://", "ftp://"), "field 'source' must be an http(s) URL"),
        (GOOD_ENTRY.replace("https://", ""), "field 'source' must be an http(s) URL"),
        (GOOD_ENTRY.replace('"1.3"', "1.3"), "field 'version' must be a quoted string"),
        (GOOD_ENTRY.replace("    - 叢集聯邦\n", ""), "field 'highlights' must list 2 to 4 short texts"),
        (GOOD_ENTRY + "  notes: 多一個欄位\n", "unknown field 'notes'"),
    ],
    ids=["missing-field", "malformed-date", "impossible-date", "unknown-project", "duplicate-version",
         "ftp-source", "schemeless-source", "unquoted-version", "one-highlight", "unknown-field"],
)
def test_each_bad_entry_names_file_entry_and_field(broken, expected):
    assert expected in problem_of(broken)


def test_every_problem_is_reported_in_one_run():
    broken = GOOD_ENTRY.replace("2016-07-01", "someday") + MESOS_ENTRY.replace("https://", "")
    message = problem_of(broken)
    assert "2 place(s)" in message
    assert "entry 1 (Kubernetes 1.3): field 'date'" in message
    assert "entry 2 (Apache Mesos 1.0.0): field 'source'" in message


@pytest.mark.parametrize("text, expected", [
    ("project: Kubernetes\n", "expected a non-empty list of releases"),
    ("- [unclosed\n", "data/timeline.yml:2: not valid YAML"),
    ("- just text\n", "entry 1: must be a mapping"),
])
def test_a_malformed_file_is_reported(text, expected):
    assert expected in problem_of(text)


def test_rendering_shows_every_release_with_its_date_highlights_and_source(releases):
    html = render_timeline(releases)
    for release in releases:
        article = re.search(rf'<article [^>]*id="{release.anchor}".*?</article>', html, re.DOTALL)
        assert article, release.anchor
        body = article.group(0)
        assert f'<a href="{release.source}"' in body
        assert f">{release.version}</a>" in body
        assert f'<time datetime="{release.date.isoformat()}">' in body
        for highlight in release.highlights:
            assert highlight.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in body


def grid_positions(html: str) -> list[tuple[str, int, int]]:
    """(anchor, row, column) of each release, in document order."""
    return [
        (anchor, int(row), int(column))
        for anchor, row, column in re.findall(
            r'<article [^>]*id="([^"]+)" style="grid-row: (\d+); grid-column: (\d+)"', html
        )
    ]


def test_releases_are_in_date_order_in_each_lane_and_in_the_document(releases):
    html = render_timeline(releases)
    positions = grid_positions(html)
    by_anchor = {release.anchor: release for release in releases}
    assert [by_anchor[a].date for a, _, _ in positions] == sorted(r.date for r in releases)
    for project, column in (("Kubernetes", 1), ("Apache Mesos", 3)):
        lane = [(row, by_anchor[a].date) for a, row, col in positions if by_anchor[a].project == project]
        assert all(col == column for a, _, col in positions if by_anchor[a].project == project)
        assert lane == sorted(lane)


def test_one_row_per_month_so_mesos_1_0_sits_beside_kubernetes_1_3(releases):
    positions = {anchor: (row, column) for anchor, row, column in grid_positions(render_timeline(releases))}
    assert positions["kubernetes-1-3"][0] == positions["mesos-1-0-0"][0]
    assert positions["kubernetes-1-3"][1] != positions["mesos-1-0-0"][1]
    # Kubernetes 1.0 (July 2015) to 1.1 (November 2015) is four month rows.
    assert positions["kubernetes-1-1"][0] - positions["kubernetes-1-0"][0] == 4


def test_each_year_has_an_anchor_on_a_month_with_releases(releases):
    html = render_timeline(releases)
    for year in (2015, 2016, 2017):
        assert f'href="#timeline-{year}"' in html
        month = re.search(rf'<div class="([^"]+)" id="timeline-{year}"', html)
        assert month and "empty" not in month.group(1)


def test_text_from_the_data_is_escaped():
    (release,) = load(GOOD_ENTRY.replace("叢集聯邦", "<script>alert(1)</script>"))
    html = render_timeline([release])
    assert "<script>" not in html and "&lt;script&gt;" in html


STYLESHEET = "assets/stylesheets/timeline.css"


def test_the_insert_is_the_timeline_of_the_plugins_data_file():
    plugin = TimelinePlugin()
    errors, _ = plugin.load_config({"data_file": str(DATA), "stylesheet": STYLESHEET})
    assert errors == []
    html = plugin.render_insert("timeline", "", page=None, config=None)
    assert html == render_timeline(load_timeline(DATA))
    assert html.startswith('<div class="kb-timeline">')


def test_the_insert_follows_the_data_file_across_serve_rebuilds(tmp_path):
    data = tmp_path / "timeline.yml"
    data.write_text(GOOD_ENTRY, "utf-8")
    plugin = TimelinePlugin()
    assert plugin.load_config({"data_file": str(data), "stylesheet": STYLESHEET}) == ([], [])
    first = plugin.render_insert("timeline", "", page=None, config=None)
    assert plugin.render_insert("timeline", "", page=None, config=None) is first  # unchanged: reused
    data.write_text(GOOD_ENTRY.replace("叢集聯邦", "水平擴展"), "utf-8")
    changed = plugin.render_insert("timeline", "", page=None, config=None)
    assert "水平擴展" in changed and "叢集聯邦" not in changed


def test_lanes_are_the_two_projects():
    assert list(PROJECTS) == ["Kubernetes", "Apache Mesos"]
