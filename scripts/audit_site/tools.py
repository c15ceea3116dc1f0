"""The audit's pinned tools: Lighthouse in tools/audit/ (its own package-lock.json,
apart from the site's), axe-core and vnu.jar from the site's package.json (the
tests run the same copies, scripts/html_checks.py), Java and Chromium from Debian."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from scripts.html_checks import AXE_SCRIPT, VNU_JAR
from scripts.local_site import CHROMIUM

REPO_ROOT = Path(__file__).resolve().parents[2]
TOOLS_DIR = REPO_ROOT / "tools" / "audit"
NODE_MODULES = TOOLS_DIR / "node_modules"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
NPM_PACKAGES = ("lighthouse",)  # in tools/audit/
SITE_NPM_PACKAGES = ("axe-core", "vnu-jar")  # in the site's node_modules/
# `java -version` prints e.g. 'openjdk version "17.0.15" 2025-04-15' to stderr.
JAVA_VERSION = re.compile(r'version "([^"]+)"')


def missing_tools() -> list[str]:
    """What the audit needs and cannot find, each with the command that installs it."""
    needs = [
        (LIGHTHOUSE, "`make audit` (npm ci in tools/audit/)"),
        (AXE_SCRIPT, "`make audit` (npm ci)"),
        (VNU_JAR, "`make audit` (npm ci)"),
        (CHROMIUM, "`make system-packages`"),
    ]
    return [f"{path} is missing: run {fix}" for path, fix in needs if not path.exists()]


def npm_versions() -> dict[str, str]:
    """The installed versions of the audit's npm packages, as npm ci put them in place."""
    folders = {name: NODE_MODULES for name in NPM_PACKAGES} | {
        name: REPO_ROOT / "node_modules" for name in SITE_NPM_PACKAGES
    }
    return {
        name: json.loads((folder / name / "package.json").read_text("utf-8"))["version"]
        for name, folder in folders.items()
    }


def java_version() -> str:
    try:
        finished = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        raise SystemExit("java is missing: run `make audit`, which installs Debian's default-jre-headless") from None
    found = JAVA_VERSION.search(finished.stderr)
    return found[1] if found else finished.stderr.strip()


def node_version() -> str:
    return subprocess.run(["node", "--version"], capture_output=True, text=True, timeout=60, check=True).stdout.strip()
