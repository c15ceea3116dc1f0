"""Fixtures of the speed-ups' tests."""
from __future__ import annotations

import pytest
from mkdocs.config.defaults import MkDocsConfig

from kb.speedups.page_output_reuse import OutputReuse


@pytest.fixture
def output_reuses(monkeypatch) -> list[OutputReuse]:
    """Each warm build's page output reuse, with `verify` on: every page taken from the cache is also
    rendered, and noted if its output would differ."""
    reuses: list[OutputReuse] = []
    start_build = OutputReuse.start_build

    def started(self: OutputReuse, config: MkDocsConfig) -> None:
        self.verify = True
        reuses.append(self)
        start_build(self, config)

    monkeypatch.setattr(OutputReuse, "start_build", started)
    return reuses
