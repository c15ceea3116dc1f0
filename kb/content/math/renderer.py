"""One Node process running MathJax (tex_to_svg.cjs), asked for one formula at a time.

Each formula is rendered once per process lifetime: `mkdocs serve` keeps the
plugin, and with it this renderer and its cache, across rebuilds.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("tex_to_svg.cjs")
PACKAGE = "mathjax-full"


class TexError(Exception):
    """MathJax could not read a formula; the message is MathJax's."""


@dataclass(frozen=True)
class Formula:
    tex: str
    display: bool


class MathRenderer:
    def __init__(self, node_modules: Path) -> None:
        self.node_modules = node_modules
        self.process: subprocess.Popen[str] | None = None
        self.stylesheet = ""
        self.rendered: dict[Formula, str] = {}

    def start(self) -> None:
        """Start Node with MathJax, unless it runs already; read the stylesheet it sends first."""
        if self.process is not None:
            return
        node = shutil.which("node")
        if node is None:
            raise FileNotFoundError("Node.js (`node`) is not installed; `make serve` installs it.")
        if not (self.node_modules / PACKAGE).is_dir():
            raise FileNotFoundError(f"{self.node_modules / PACKAGE} is missing; run `npm ci` (or `make serve`).")
        self.process = subprocess.Popen(
            [node, str(SCRIPT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env={**os.environ, "NODE_PATH": str(self.node_modules)},
        )
        self.stylesheet = self._read()["css"]

    def render(self, formula: Formula) -> str:
        """The formula as MathJax's HTML (an SVG with its MathML); TexError if MathJax cannot read it."""
        if formula not in self.rendered:
            self.start()
            assert self.process is not None and self.process.stdin is not None
            self.process.stdin.write(json.dumps({"tex": formula.tex, "display": formula.display}) + "\n")
            self.process.stdin.flush()
            answer = self._read()
            if "error" in answer:
                raise TexError(answer["error"])
            self.rendered[formula] = answer["html"]
        return self.rendered[formula]

    def _read(self) -> dict[str, str]:
        assert self.process is not None and self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            code = self.process.wait()
            self.process = None
            raise RuntimeError(f"MathJax's Node process ended (exit code {code}) instead of answering")
        answer: dict[str, str] = json.loads(line)
        return answer

    def close(self) -> None:
        if self.process is not None:
            assert self.process.stdin is not None
            self.process.stdin.close()  # Node ends when its input does
            self.process.wait()
            self.process = None
