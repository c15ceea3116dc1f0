"""`make serve` on a taken port: one line naming the port and the way to pick another."""
from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from scripts.check_port import main, port_is_free
from tests.conftest import REPO_ROOT


@pytest.fixture
def listening_port():
    """A port another program listens on, as a running `mkdocs serve` would."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


def test_a_port_someone_listens_on_is_taken_and_a_closed_one_is_free(listening_port):
    assert not port_is_free("127.0.0.1", listening_port)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    assert port_is_free("127.0.0.1", closed)


def test_a_taken_port_prints_one_line_with_the_fix(listening_port, capsys):
    assert main(["127.0.0.1", str(listening_port)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert f"port {listening_port} on 127.0.0.1 is taken" in captured.err
    assert f"make serve PORT={listening_port + 1}" in captured.err


def test_make_serve_checks_the_port_it_serves_on():
    dry_run = subprocess.run(
        ["make", "--dry-run", "--always-make", "serve", "PORT=8123"],
        cwd=REPO_ROOT, capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    check = next(i for i, line in enumerate(dry_run) if "scripts.check_port 127.0.0.1 8123" in line)
    serve = next(i for i, line in enumerate(dry_run) if "mkdocs serve --dev-addr 127.0.0.1:8123" in line)
    assert check < serve


def test_the_command_line_exits_non_zero_on_a_taken_port(listening_port):
    result = subprocess.run(
        [sys.executable, "-m", "scripts.check_port", "127.0.0.1", str(listening_port)],
        cwd=REPO_ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 1 and "is taken" in result.stderr and "Traceback" not in result.stderr
