"""One Node process running MathJax (tex_to_svg.cjs), asked for one formula at a time.

Each formula is rendered once per process lifetime: `mkdocs serve` keeps the
plugin, and with it this renderer and its cache, across rebuilds. Given a disk
cache (kb/speedups/build_cache.py, in .cache/kb/), each formula's SVG and the
stylesheet are also kept for the next build, keyed by the TeX, display or
inline, and MathJax's version; Node starts only when something is missing.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kb.speedups.build_cache import DiskCache, key_of

SCRIPT = Path(__file__).with_name("tex_to_svg.cjs")
PACKAGE = "mathjax-full"


class TexError(Exception):
    """MathJax could not read a formula; the message is MathJax's."""


@dataclass(frozen=True)
class Formula:
    tex: str
    display: bool


class MathRenderer:
    def __init__(self, node_modules: Path, disk: DiskCache | None = None) -> None:
        self.node_modules = node_modules
        self.process: subprocess.Popen[str] | None = None
        self.stylesheet = ""
        self.rendered: dict[Formula, str] = {}
        self.disk = disk
        self.disk_keys: dict[Formula, str] = {}
        self.mathjax_version: str | None = None

    def _check_tools(self) -> str:
        """The `node` executable; FileNotFoundError naming the fix when Node or MathJax is missing."""
        node = shutil.which("node")
        if node is None:
            raise FileNotFoundError("Node.js (`node`) is not installed; `make serve` installs it.")
        if not (self.node_modules / PACKAGE).is_dir():
            raise FileNotFoundError(f"{self.node_modules / PACKAGE} is missing; run `npm ci` (or `make serve`).")
        return node

    def _disk_key(self, *parts: str) -> str:
        if self.mathjax_version is None:
            manifest = self.node_modules / PACKAGE / "package.json"
            self.mathjax_version = json.loads(manifest.read_text("utf-8"))["version"] if manifest.is_file() else "absent"
        return key_of(PACKAGE, self.mathjax_version, *parts)

    def prepare(self) -> None:
        """Have the stylesheet ready: from the disk cache when it holds it, else from a started Node."""
        self._check_tools()
        key = self._disk_key("stylesheet")
        if self.stylesheet:
            if self.disk is not None:
                self.disk.used.add(key)  # still this build's
            return
        if self.disk is not None:
            cached = self.disk.get(key)
            if isinstance(cached, str) and cached:
                self.stylesheet = cached
                return
            self.start()
            self.disk.put(key, self.stylesheet)
        else:
            self.start()

    def start(self) -> None:
        """Start Node with MathJax, unless it runs already; read the stylesheet it sends first."""
        if self.process is not None:
            return
        node = self._check_tools()
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
        if formula in self.rendered:
            if self.disk is not None:
                self.disk.used.add(self.disk_keys[formula])  # still this build's
            return self.rendered[formula]
        key = self.disk_keys[formula] = self._disk_key("svg", formula.tex, "display" if formula.display else "inline")
        cached = self.disk.get(key) if self.disk is not None else None
        if isinstance(cached, str) and cached:
            html = cached
        else:
            html = self._render_in_node(formula)
            if self.disk is not None:
                self.disk.put(key, html)
        self.rendered[formula] = html
        return html

    def _render_in_node(self, formula: Formula) -> str:
        self.start()
        assert self.process is not None and self.process.stdin is not None
        self.process.stdin.write(json.dumps({"tex": formula.tex, "display": formula.display}) + "\n")
        self.process.stdin.flush()
        answer = self._read()
        if "error" in answer:
            raise TexError(answer["error"])
        html: str = answer["html"]
        return html

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
