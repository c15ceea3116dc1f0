"""The lock files pin what requirements*.txt pin, and every package in them has its hashes."""
import re

import pytest

from tests.conftest import REPO_ROOT

PIN = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==(?P<version>\S+)")
LOCKED = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>[^ ;\\]+)")


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path) -> dict[str, str]:
    found = {}
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            found |= pins(path.parent / line[3:].strip())
        elif match := PIN.match(line):
            found[normalized(match["name"])] = match["version"]
    return found


def locked(path) -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes)."""
    found: dict[str, tuple[str, int]] = {}
    current = None
    for line in path.read_text("utf-8").splitlines():
        if match := LOCKED.match(line):
            current = normalized(match["name"])
            found[current] = (match["version"], 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = found[current]
            found[current] = (version, hashes + 1)
    return found


@pytest.mark.parametrize("requirements, lock", [("requirements.txt", "requirements.lock"),
                                                ("requirements-test.txt", "requirements-test.lock")])
def test_the_lock_pins_every_requirement_at_its_version(requirements, lock):
    wanted, got = pins(REPO_ROOT / requirements), locked(REPO_ROOT / lock)
    assert {name: (got.get(name) or ("missing", 0))[0] for name in wanted} == wanted, "run `make lock`"


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-test.lock"])
def test_every_locked_package_has_hashes(lock):
    got = locked(REPO_ROOT / lock)
    assert len(got) > 50
    assert [name for name, (_, hashes) in got.items() if hashes == 0] == []
