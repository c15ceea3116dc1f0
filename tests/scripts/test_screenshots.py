"""The README shows every screenshot `make screenshots` takes, and each file is there."""
from __future__ import annotations

import struct

import pytest

from scripts.screenshots import SHOTS, VIEWPORT
from tests.conftest import REPO_ROOT

SCREENSHOTS = REPO_ROOT / "docs/assets/screenshots"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])  # the IHDR chunk comes first


@pytest.mark.parametrize("shot", SHOTS, ids=lambda shot: shot.file)
def test_each_screenshot_is_a_viewport_png_shown_in_the_readme(shot):
    image = SCREENSHOTS / shot.file
    assert png_size(image.read_bytes()) == (VIEWPORT["width"], VIEWPORT["height"])
    assert f"](docs/assets/screenshots/{shot.file})" in (REPO_ROOT / "README.md").read_text("utf-8")


def test_no_stale_screenshots_are_left_behind():
    assert sorted(path.name for path in SCREENSHOTS.glob("*.png")) == sorted(shot.file for shot in SHOTS)
