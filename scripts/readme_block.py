"""Replace a generated block of README.md, between a start and an end marker."""
from __future__ import annotations

import json
from pathlib import Path


def replace_block(text: str, block: str, start_marker: str, end_marker: str) -> str:
    """`text` with everything between the two markers replaced by `block`."""
    start, end = text.find(start_marker), text.find(end_marker)
    if start < 0 or end < start:
        raise ValueError(f"add the lines {start_marker} and {end_marker} where the block belongs")
    return text[: start + len(start_marker)] + "\n" + block + text[end:]


def write_block(readme: Path, block: str, start_marker: str, end_marker: str) -> None:
    try:
        text = replace_block(readme.read_text("utf-8"), block, start_marker, end_marker)
    except ValueError as error:
        raise SystemExit(f"{readme}: {error}") from None
    readme.write_text(text, "utf-8")


def publish(report: str, results: dict, results_file: Path, readme: Path, start_marker: str, end_marker: str) -> None:
    """Print a measurement's report, keep its raw results as JSON, and put the report in the README."""
    print("\n" + report)
    results_file.parent.mkdir(exist_ok=True)
    results_file.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", "utf-8")
    write_block(readme, report, start_marker, end_marker)
    print(f"updated {readme.name} and {results_file.parent.name}/{results_file.name}")
