"""The Nu Html Checker (vnu.jar) on the built pages: its errors, by page.

Run once over all pages as `java -jar vnu.jar --skip-non-html --errors-only
--format json FILE…`; it writes its JSON to stderr and exits 1 when it found
errors. Errors include the CSS of inline <style> elements.
"""
from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .pages import BuiltPage

RUN_TIMEOUT_SECONDS = 600
ERROR_TAIL_CHARACTERS = 2000


@dataclass(frozen=True)
class NuError:
    line: int | None
    message: str


def vnu_command(jar: Path, files: list[Path]) -> list[str]:
    return ["java", "-jar", str(jar), "--skip-non-html", "--errors-only", "--format", "json", *map(str, files)]


def nu_messages(output: str) -> list[dict]:
    """The messages of vnu's JSON report, which starts a line (the JVM may print lines before it)."""
    start = 0 if output.startswith("{") else output.find("\n{") + 1
    try:
        return json.JSONDecoder().raw_decode(output, start)[0]["messages"]
    except (json.JSONDecodeError, TypeError, KeyError):
        raise ValueError(f"no JSON report in vnu's output: {output[-ERROR_TAIL_CHARACTERS:]}") from None


def errors_by_file(messages: list[dict], site_dir: Path) -> dict[str, list[NuError]]:
    """Errors by file relative to `site_dir`; a message about the checker itself (not a
    document error) stops the audit, since its page would otherwise look clean."""
    problems = [message for message in messages if message["type"] == "non-document-error"]
    if problems:
        raise SystemExit("vnu could not check: " + "; ".join(f"{m.get('url', '?')}: {m['message']}" for m in problems))
    errors: dict[str, list[NuError]] = {}
    for message in messages:
        if message["type"] != "error":
            continue
        file = Path(unquote(urlsplit(message["url"]).path)).relative_to(site_dir.resolve()).as_posix()
        errors.setdefault(file, []).append(NuError(message.get("lastLine"), message["message"]))
    return errors


def check_pages(jar: Path, site_dir: Path, pages: list[BuiltPage]) -> dict[str, list[NuError]]:
    """Every page's errors, by page path (pages without errors have an empty list)."""
    command = vnu_command(jar, [site_dir.resolve() / page.file for page in pages])
    finished = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT_SECONDS)
    if finished.returncode not in (0, 1):
        raise SystemExit(f"vnu exited with {finished.returncode}: {finished.stderr[-ERROR_TAIL_CHARACTERS:]}")
    try:
        messages = nu_messages(finished.stderr)
    except ValueError as error:
        raise SystemExit(f"vnu: {error}") from None
    by_file = errors_by_file(messages, site_dir)
    return {page.path: by_file.get(page.file, []) for page in pages}
