"""The projects the benchmark builds, set up under .cache/bench/ (never in docs/).

- snapshot/: the project's build inputs as they were when the run started; every
  other project is made from it, so edits to the repo during a run change nothing.
- real*/: copies of the snapshot, so builds and edits leave the repo alone.
- synthetic-N/ours/: our mkdocs.yml, overrides, snippets and data around the synthetic posts
  (the site's plugins, kb/, are the installed package, as for every build).
- synthetic-N/plain/: the same docs/ with a minimal Material config, also read by Zensical.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from scripts.build_inputs import PROJECT_PARTS, copy_build_inputs

from .corpus import Post, site_pages

REPO_ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = REPO_ROOT / ".cache" / "bench"
# Our config's only part that names pages; the synthetic site swaps it for its own.
PAGE_TREE_HEADER = "\n# Page tree\n"
SYNTHETIC_NAV = """# Page tree
nav:
  - 首頁: index.md
  - 文章:
      - blog/index.md
  - 標籤: tags.md
"""
# Material with its blog and default search, and the Markdown extensions its
# documentation gives for math and code blocks, so the posts render alike.
PLAIN_CONFIG = """\
# Plain Material for the benchmark: blog and default search, none of this project's extras.
site_name: 合成測試網站
site_url: http://127.0.0.1:8000/
theme:
  name: material
  language: zh-TW
plugins:
  - search
  - blog
markdown_extensions:
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.highlight
  - pymdownx.superfences
"""
# Plain Material's search segments Chinese with jieba when it can import it, as
# Material's documentation advises for Chinese; the site itself no longer needs it,
# so the benchmark installs it apart, for plain Material's builds only.
JIEBA_VERSION = "0.42.1"
JIEBA_DIR = BENCH_DIR / "jieba-site-packages"
# Newest Zensical that installs here: 0.0.74 and later need zensical-ui, which
# this machine's package index does not carry.
ZENSICAL_VERSION = "0.0.73"
ZENSICAL_VENV = BENCH_DIR / "zensical-venv"
# Caches that a build of our project leaves for the next one: the RSS plugin's,
# mkdocs-jupyter's executed notebooks and kb/filter-experiments' results.
OUR_CACHE_DIR = ".cache"


@dataclass(frozen=True)
class SyntheticSite:
    ours: Path
    plain: Path
    posts: list[Post]


def build_env(site_url: str | None = None, python_path: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    if python_path:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(python_path), env.get("PYTHONPATH")]))
    return env


def jieba_path() -> Path:
    """A folder holding jieba, for PYTHONPATH; installed on first use."""
    if not (JIEBA_DIR / "jieba").is_dir():
        print(f"Installing jieba=={JIEBA_VERSION} into {JIEBA_DIR.relative_to(REPO_ROOT)} for plain Material …", flush=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--target", str(JIEBA_DIR), f"jieba=={JIEBA_VERSION}"],
            check=True, capture_output=True,
        )
    return JIEBA_DIR


OUR_OVERRIDES = "  custom_dir: overrides\n"
# Our Taiwanese strings are a template in overrides/; without overrides, Material's own zh-TW.
OUR_LANGUAGE, MATERIALS_LANGUAGE = "  language: zh-Hant-TW\n", "  language: zh-TW\n"


def with_materials_search(mkdocs_yml: str) -> str:
    """Our mkdocs.yml with Material's search plugin (Chinese, as documented) and Material's own
    templates in place of kb/search and our overrides (the search box is one of them)."""
    ours = re.compile(r"^  - kb/search:\n(?:      .*\n)*", re.MULTILINE)
    if not ours.search(mkdocs_yml) or OUR_OVERRIDES not in mkdocs_yml or OUR_LANGUAGE not in mkdocs_yml:
        raise SystemExit("mkdocs.yml: no kb/search plugin, custom_dir or language; update scripts/bench_site/projects.py")
    plain_search = "  - search:\n      lang: zh\n"
    return ours.sub(plain_search, mkdocs_yml).replace(OUR_OVERRIDES, "").replace(OUR_LANGUAGE, MATERIALS_LANGUAGE)


def _fresh_dir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def copy_project(destination: Path, source: Path = REPO_ROOT, parts: tuple[str, ...] = PROJECT_PARTS) -> Path:
    """A fresh copy of a project's build inputs."""
    _fresh_dir(destination)
    return copy_build_inputs(destination, source, parts)


def snapshot_project() -> Path:
    """The build inputs as they are now, in .cache/bench/snapshot/."""
    return copy_project(BENCH_DIR / "snapshot")


def ours_config_for_synthetic(mkdocs_yml: str) -> str:
    """Our mkdocs.yml with only its page tree replaced by the synthetic site's."""
    head, found, _ = mkdocs_yml.partition(PAGE_TREE_HEADER)
    if not found:
        raise SystemExit(
            f"mkdocs.yml: no {PAGE_TREE_HEADER.strip()!r} section; scripts/bench_site/projects.py "
            "replaces the page tree that follows it, so keep the nav last under that header."
        )
    return head + "\n" + SYNTHETIC_NAV


def _write_docs(docs_dir: Path, posts: list[Post], source: Path) -> None:
    shutil.copytree(source / "docs" / "assets", docs_dir / "assets")  # our CSS and the search UI
    for path, text in [*site_pages().items(), *((post.path, post.text) for post in posts)]:
        target = docs_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")


def write_synthetic_site(posts: list[Post], source: Path = REPO_ROOT) -> SyntheticSite:
    """The synthetic posts as our project (source's config, overrides, snippets and data) and as plain Material."""
    root = _fresh_dir(BENCH_DIR / f"synthetic-{len(posts)}")
    ours = copy_project(root / "ours", source, parts=tuple(part for part in PROJECT_PARTS if part not in ("mkdocs.yml", "docs")))
    (ours / "mkdocs.yml").write_text(
        ours_config_for_synthetic((source / "mkdocs.yml").read_text("utf-8")), "utf-8"
    )
    _write_docs(ours / "docs", posts, source)
    plain = _fresh_dir(root / "plain")
    (plain / "mkdocs.yml").write_text(PLAIN_CONFIG, "utf-8")
    _write_docs(plain / "docs", posts, source)
    return SyntheticSite(ours=ours, plain=plain, posts=posts)


def zensical_command() -> tuple[list[str], str] | str:
    """(the zensical executable as a command, its version), creating its venv on first use;
    or a message saying why Zensical is unavailable."""
    executable = ZENSICAL_VENV / "bin" / "zensical"
    python = ZENSICAL_VENV / "bin" / "python"
    if not _has_zensical(python):
        shutil.rmtree(ZENSICAL_VENV, ignore_errors=True)
        print(f"Installing zensical=={ZENSICAL_VERSION} into {ZENSICAL_VENV.relative_to(REPO_ROOT)} …", flush=True)
        steps = [
            [sys.executable, "-m", "venv", str(ZENSICAL_VENV)],
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"zensical=={ZENSICAL_VERSION}"],
        ]
        for step in steps:
            result = subprocess.run(step, capture_output=True, text=True)
            if result.returncode != 0:
                lines = [line for line in result.stderr.splitlines() if "is ignored" not in line]
                return f"zensical=={ZENSICAL_VERSION} could not be installed, so it is skipped:\n  " + "\n  ".join(lines[-5:])
    return [str(executable)], ZENSICAL_VERSION


def _has_zensical(python: Path) -> bool:
    if not python.exists():
        return False
    result = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('zensical'))"],
        capture_output=True, text=True,
    )
    return result.returncode == 0 and result.stdout.strip() == ZENSICAL_VERSION
