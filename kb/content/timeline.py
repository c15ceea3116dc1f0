"""The `kb/timeline` plugin: the Kubernetes / Apache Mesos release timeline, from a data file.

One job: where a page has the `<!-- kb:timeline -->` insert (kb/inserts),
validate the data file (the plugin's `data_file` option, data/timeline.yml) and put
the timeline there. `load_timeline` and `render_timeline` are pure, so tests
call them with plain data.

The timeline is a CSS grid (the plugin's `stylesheet`, linked only on pages
that show a timeline: kb/content/page_stylesheets.py) with one row per month
and a lane per project on either side of the month axis; on a narrow screen
it becomes a single chronological column. It needs no
JavaScript: releases are written in date order, and grid placement is inline.
"""
from __future__ import annotations

import datetime
import html
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from kb.content.page_stylesheets import PageStylesheetConfig, PageStylesheetPlugin
from kb.data_files import DataFileError, parse_yaml

# Lane order, left to right, and the CSS modifier of each project.
PROJECTS = {"Kubernetes": "kubernetes", "Apache Mesos": "mesos"}
FIELDS = ("project", "version", "date", "highlights", "source")
MIN_HIGHLIGHTS, MAX_HIGHLIGHTS = 2, 4
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HEADER_ROWS = 1  # the row of lane titles above the first month
TIMELINE_CLASS = "kb-timeline"  # the outer element's; its parts are kb-timeline__…


class TimelineError(PluginError):
    """Bad timeline data; the message names the file, the entry and the field."""


@dataclass(frozen=True)
class Release:
    project: str
    version: str
    date: datetime.date
    highlights: tuple[str, ...]
    source: str

    @property
    def anchor(self) -> str:
        """A stable id such as 'kubernetes-1-3' or 'mesos-1-0-0'."""
        return f"{PROJECTS[self.project]}-{self.version.replace('.', '-')}"


def _field_problem(value: object, field: str) -> str | None:
    """Why a field's value is invalid, or None."""
    if field == "project":
        if value not in PROJECTS:
            return f"must be one of {', '.join(PROJECTS)}, got {value!r}"
    elif field == "version":
        if not isinstance(value, str) or not value.strip():
            return f'must be a quoted string such as "1.10", got {value!r}'
    elif field == "date":
        if not isinstance(value, str) or not ISO_DATE.match(value):
            return f"must be a date written YYYY-MM-DD, got {value!r}"
        try:
            datetime.date.fromisoformat(value)
        except ValueError as error:
            return f"{value!r} is not a real date ({error})"
    elif field == "highlights":
        if (
            not isinstance(value, list)
            or not MIN_HIGHLIGHTS <= len(value) <= MAX_HIGHLIGHTS
            or not all(isinstance(item, str) and item.strip() for item in value)
        ):
            return f"must list {MIN_HIGHLIGHTS} to {MAX_HIGHLIGHTS} short texts, got {value!r}"
    elif field == "source":
        parts = urlsplit(value) if isinstance(value, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            return f"must be an http(s) URL, got {value!r}"
    return None


def load_timeline(path: Path, text: str | None = None) -> list[Release]:
    """Parse and validate the timeline; raise TimelineError listing every problem."""
    name = os.path.relpath(path)
    text = path.read_text("utf-8") if text is None else text
    try:
        document = parse_yaml(name, text)
    except DataFileError as error:
        raise TimelineError(str(error)) from None
    root = document.root
    if not isinstance(root, yaml.SequenceNode) or not root.value:
        raise TimelineError(f"{name}: expected a non-empty list of releases")

    problems: list[str] = []
    releases: list[Release] = []
    seen: dict[tuple[str, str], int] = {}
    for number, node in enumerate(root.value, start=1):
        where = f"{document.where(node)}: entry {number}"
        if not isinstance(node, yaml.MappingNode):
            problems.append(f"{where}: must be a mapping with {', '.join(FIELDS)}")
            continue
        values = {key.value: document.value(value) for key, value in node.value}
        label = f"{values.get('project', '?')} {values.get('version', '?')}"
        where = f"{where} ({label})"
        entry_problems = [f"{where}: unknown field {key!r}" for key in values if key not in FIELDS]
        for field in FIELDS:
            if field not in values:
                entry_problems.append(f"{where}: missing field {field!r}")
            elif problem := _field_problem(values[field], field):
                entry_problems.append(f"{where}: field {field!r} {problem}")
        if not entry_problems:
            key = (values["project"], values["version"])
            if key in seen:
                entry_problems.append(
                    f"{where}: field 'version' duplicates entry {seen[key]} ({label})"
                )
            seen.setdefault(key, number)
        if entry_problems:
            problems += entry_problems
            continue
        releases.append(
            Release(
                project=values["project"],
                version=values["version"],
                date=datetime.date.fromisoformat(values["date"]),
                highlights=tuple(values["highlights"]),
                source=values["source"],
            )
        )
    if problems:
        raise TimelineError(
            f"Invalid timeline data in {len(problems)} place(s):\n  " + "\n  ".join(problems)
        )
    return releases


def _month_number(date: datetime.date) -> int:
    return date.year * 12 + date.month - 1


def render_timeline(releases: Sequence[Release]) -> str:
    """HTML of the timeline: lane titles, a year index, one grid row per month."""
    if not releases:
        raise ValueError("render_timeline needs at least one release")
    ordered = sorted(releases, key=lambda release: (release.date, release.project))
    first, last = _month_number(ordered[0].date), _month_number(ordered[-1].date)
    by_month: dict[int, list[Release]] = {}
    for release in ordered:
        by_month.setdefault(_month_number(release.date), []).append(release)
    # A year's anchor sits on its first month with releases: empty months are hidden on phones.
    year_starts: dict[int, int] = {}
    for month in sorted(by_month):
        year_starts.setdefault(month // 12, month)
    years = sorted(year_starts)
    lanes = list(PROJECTS)

    parts = [f'<div class="{TIMELINE_CLASS}">']
    parts.append(
        '<nav class="kb-timeline__years" aria-label="依年份跳轉">'
        + "".join(f'<a href="#timeline-{year}">{year}</a>' for year in years)
        + "</nav>"
    )
    parts.append('<div class="kb-timeline__grid">')
    for lane, project in enumerate(lanes):
        column = 1 if lane == 0 else 3
        parts.append(
            f'<div class="kb-timeline__lane-title kb-timeline__lane-title--{PROJECTS[project]}"'
            f' style="grid-column: {column}">{html.escape(project)}</div>'
        )
    for month in range(first, last + 1):
        year, month_index = divmod(month, 12)
        row = month - first + 1 + HEADER_ROWS
        releases_in_month = by_month.get(month, [])
        classes = "kb-timeline__month" + ("" if releases_in_month else " kb-timeline__month--empty")
        anchor = f' id="timeline-{year}"' if year_starts.get(year) == month else ""
        parts.append(
            f'<div class="{classes}"{anchor} style="grid-row: {row}">'
            f'<time datetime="{year:04d}-{month_index + 1:02d}">{year} 年 {month_index + 1} 月</time></div>'
        )
        for release in releases_in_month:
            parts.append(_render_release(release, row, 1 if lanes.index(release.project) == 0 else 3))
    parts.append("</div></div>")
    return "\n".join(parts)


def _render_release(release: Release, row: int, column: int) -> str:
    items = "".join(f"<li>{html.escape(text)}</li>" for text in release.highlights)
    return (
        f'<article class="kb-timeline__release kb-timeline__release--{PROJECTS[release.project]}"'
        f' id="{release.anchor}" style="grid-row: {row}; grid-column: {column}">'
        f'<p class="kb-timeline__title"><span class="kb-timeline__project">{html.escape(release.project)}</span> '
        f'<a href="{html.escape(release.source)}" title="發布來源">{html.escape(release.version)}</a> '
        f'<time datetime="{release.date.isoformat()}">{release.date.isoformat()}</time></p>'
        f"<ul>{items}</ul></article>"
    )


class TimelineConfig(PageStylesheetConfig):
    data_file = c.File(exists=True)  # (not `data`: Config is a UserDict, whose `data` holds the options)


class TimelinePlugin(PageStylesheetPlugin):
    """Answers the `timeline` insert of kb/inserts; pages with a timeline link its stylesheet."""

    config_class = TimelineConfig
    config: TimelineConfig
    insert_names = ("timeline",)
    content_class = TIMELINE_CLASS

    def __init__(self) -> None:
        # The last data file's text and its timeline: a serve rebuild that did not
        # change the file skips the YAML parse and the render (6 ms).
        self.rendered: tuple[str, str] | None = None

    def render_insert(self, name: str, arguments: str, page: Page, config: MkDocsConfig) -> str:
        path = Path(self.config.data_file)
        text = path.read_text("utf-8")
        if self.rendered is None or self.rendered[0] != text:
            self.rendered = (text, render_timeline(load_timeline(path, text)))
        return self.rendered[1]
