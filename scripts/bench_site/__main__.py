"""Run the benchmark: `python -m scripts.bench_site --help`."""
from __future__ import annotations

import argparse
import dataclasses
import datetime
import importlib.metadata
import os
import platform
from pathlib import Path

from scripts.build_inputs import source_revision
from scripts.local_site import serve_directory
from scripts.readme_block import publish

from . import __doc__ as package_doc
from .builds import MKDOCS_BUILD, alternated_builds, mkdocs_contender, zensical_contender
from .corpus import DEFAULT_SEED, generate_posts, site_categories
from .measure import measured_run
from .pageload import page_loads, summarize
from .projects import (
    BENCH_DIR,
    JIEBA_VERSION,
    REPO_ROOT,
    build_env,
    copy_project,
    jieba_path,
    snapshot_project,
    with_materials_search,
    write_synthetic_site,
    zensical_command,
)
from .reload import edit_to_reload_seconds

from .report import render_report
from .search import query_costs, query_set_quality, summarize_costs
from .startup import alternated_startups
from .suite import make_test_in_fresh_clone

README = REPO_ROOT / "README.md"
RESULTS_FILE = REPO_ROOT / "bench" / "site-benchmark.json"
START_MARKER = "<!-- bench:start -->"
END_MARKER = "<!-- bench:end -->"
PARTS = ("builds", "startup", "reload", "pageload", "search", "tests")
CONTENDERS = ("ours", "plain", "zensical")
# The README's table is for this many posts; another size (a 5,000-post run) has its own block and JSON.
README_POSTS = 1000
# The real site's post edited for edit-to-reload, and its page.
REAL_RELOAD_POST = "blog/posts/kubernetes-device-plugin.md"
REAL_RELOAD_PAGE = "blog/kubernetes-device-plugin/"
# Pages loaded in Chromium: the home page has no math; the others do.
LOADED_PAGES = ["", "blog/cuckoo-filter/", "writing-guide/"]
PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "mkdocs-jupyter", "pagefind")
# One query of each kind for the cost of a search: real site, then the synthetic one's topics.
REAL_SEARCH_QUERIES = ["布穀鳥過濾器", "误判率", "device plugin", "梯度下降", "兩層式排程"]
SYNTHETIC_SEARCH_QUERIES = ["布隆過濾器", "梯度下降", "容器排程", "service mesh", "一致性哈希", "负载平衡"]


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kib = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": memory_kib / 2**20}


def synthetic_builds(site, rounds: int, with_zensical: bool, results: dict, chosen: tuple[str, ...] = CONTENDERS) -> None:
    contenders = [mkdocs_contender("ours", "本站（完整設定）", site.ours, site.ours.parent / "ours-site")]
    if "plain" in chosen:
        contenders.append(mkdocs_contender(
            "plain", "純 Material（部落格 + 預設搜尋，jieba 斷詞）", site.plain, site.plain.parent / "plain-site",
            python_path=jieba_path(),
        ))
    if "zensical" not in chosen:
        with_zensical = False
    zensical = zensical_command() if with_zensical else "skipped (--skip-zensical or --contenders)"
    if isinstance(zensical, str):
        results["zensical_skipped"] = zensical
        print(zensical, flush=True)
    else:
        executable, version = zensical
        results["versions"]["zensical"] = version
        contenders.append(zensical_contender(f"Zensical {version}（同一份純 Material 設定）", site.plain, executable))
    print(f"Cold builds of the synthetic site ({len(site.posts):,} posts), {rounds} round(s):", flush=True)
    results["synthetic_labels"] = {contender.key: contender.label for contender in contenders}
    results["synthetic_builds"] = [dataclasses.asdict(build) for build in alternated_builds(contenders, rounds)]



def real_builds(snapshot: Path, rounds: int, results: dict) -> None:
    project = copy_project(BENCH_DIR / "real", snapshot)
    site_dir = BENCH_DIR / "real-site"
    contenders = [
        mkdocs_contender("ours", "冷：清除 .cache/（notebook 重新執行、過濾器實驗重算）", project, site_dir),
        mkdocs_contender("ours-warm", "暖：保留上一次建置的 .cache/", project, site_dir, keep_cache=True),
    ]
    print(f"Builds of the real site, {rounds} round(s):", flush=True)
    results["real_labels"] = {contender.key: contender.label for contender in contenders}
    results["real_builds"] = [dataclasses.asdict(build) for build in alternated_builds(contenders, rounds)]


def serve_startups(site, rounds: int, results: dict) -> None:
    first = site.posts[0]
    page = f"blog/{Path(first.path).stem}/"
    print(f"Serve startup, synthetic site ({len(site.posts):,} posts), {rounds} round(s) of cold and warm:", flush=True)
    results["startups"] = [dataclasses.asdict(startup) for startup in alternated_startups(site.ours, page, rounds)]


def reloads(snapshot: Path, site, rounds: int, results: dict) -> None:
    first = site.posts[0]
    cases = [
        ("real", "真實網站", copy_project(BENCH_DIR / "real-serve", snapshot), REAL_RELOAD_POST, REAL_RELOAD_PAGE),
        ("synthetic", f"合成網站 {len(site.posts):,} 篇", site.ours, first.path, f"blog/{Path(first.path).stem}/"),
    ]
    results["reloads"] = []
    for key, label, project, source, page in cases:
        print(f"Edit-to-reload, {label}: starting mkdocs serve …", flush=True)
        run = edit_to_reload_seconds(project, source, page, rounds)
        results["reloads"].append({
            "key": key, "site": label, "source": f"docs/{source}",
            "seconds": run.reload_seconds, "idle_cpu_percent": run.idle_cpu_percent,
        })


def page_load_results(snapshot: Path, loads: int, results: dict) -> None:
    project = copy_project(BENCH_DIR / "real-pages", snapshot)
    site_dir = BENCH_DIR / "real-pages-site"
    with serve_directory(site_dir) as server:
        url = server.url
        # The site is built for the server's URL, as `make build` would be for the deployed one.
        build = measured_run(
            [*MKDOCS_BUILD, str(site_dir)],
            project, build_env(url),
        )
        if build.returncode != 0:
            raise SystemExit(f"the real site did not build:\n{build.output[-3000:]}")
        print(f"Page loads in Chromium, {loads} per page:", flush=True)
        loaded, chromium = page_loads(url, LOADED_PAGES, loads)
    results["versions"]["Chromium"] = chromium
    results["page_loads"] = [dataclasses.asdict(summarize(loaded, path)) for path in LOADED_PAGES]
    results["page_loads_each"] = [dataclasses.asdict(load) for load in loaded]


def built(project: Path, site_dir: Path, python_path: Path | None = None) -> Path:
    """site_dir, built from project."""
    build = measured_run([*MKDOCS_BUILD, str(site_dir)], project, build_env(None, python_path))
    if build.returncode != 0:
        raise SystemExit(f"{project} did not build:\n{build.output[-3000:]}")
    return site_dir


def search_results(snapshot: Path, site, results: dict) -> None:
    ours = copy_project(BENCH_DIR / "real-search", snapshot)
    materials = copy_project(BENCH_DIR / "real-material-search", snapshot)
    config = materials / "mkdocs.yml"
    config.write_text(with_materials_search(config.read_text("utf-8")), "utf-8")
    results["versions"]["jieba (Material's search)"] = JIEBA_VERSION
    quality = []
    for engine, project, python_path in (("ours", ours, None), ("material", materials, jieba_path())):
        site_dir = built(project, BENCH_DIR / f"{project.name}-site", python_path)
        print(f"Query set, {engine} search …", flush=True)
        quality.append(dataclasses.asdict(query_set_quality(site_dir, engine)))
    results["search_quality"] = quality

    synthetic_site = site.ours.parent / "ours-site"
    if not (synthetic_site / "pagefind").is_dir():  # the builds part did not run
        built(site.ours, synthetic_site)
    results["search_costs"] = []
    for key, label, site_dir, queries in (
        ("real", "真實網站", BENCH_DIR / "real-search-site", REAL_SEARCH_QUERIES),
        ("synthetic", f"合成網站 {len(site.posts):,} 篇", synthetic_site, SYNTHETIC_SEARCH_QUERIES),
    ):
        print(f"Search costs, {label} …", flush=True)
        costs = query_costs(site_dir, "", queries)
        results["search_costs"].append({"key": key, "site": label, **summarize_costs(costs),
                                        "each": [dataclasses.asdict(cost) for cost in costs]})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=package_doc.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1000, help="posts in the synthetic site (default 1000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--rounds", type=int, default=3, help="cold builds per contender (default 3)")
    parser.add_argument("--reloads", type=int, default=5, help="edits timed per site (default 5)")
    parser.add_argument("--page-loads", type=int, default=5, help="cold loads per page (default 5)")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated subset of {','.join(PARTS)}")
    parser.add_argument("--skip-zensical", action="store_true", help="leave Zensical out")
    parser.add_argument(
        "--contenders", default=",".join(CONTENDERS),
        help=f"synthetic-site builds: comma-separated subset of {','.join(CONTENDERS)} (ours always runs)",
    )
    parser.add_argument("--startups", type=int, default=3, help="rounds of cold and warm serve startups (default 3)")
    parser.add_argument("--write", action="store_true", help=f"update {README.name} and {RESULTS_FILE.relative_to(REPO_ROOT)}")
    arguments = parser.parse_args(argv)
    parts = arguments.parts.split(",")
    if unknown := set(parts) - set(PARTS):
        parser.error(f"unknown part(s) {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}")
    contenders = tuple(arguments.contenders.split(","))
    if unknown := set(contenders) - set(CONTENDERS):
        parser.error(f"unknown contender(s) {', '.join(sorted(unknown))}; choose from {', '.join(CONTENDERS)}")

    snapshot = snapshot_project()  # edits to the repo during the run do not reach the builds
    results = {
        "date": datetime.date.today().isoformat(),
        "revision": source_revision(),
        "machine": machine(),
        "versions": {"Python": platform.python_version()}
        | {package: importlib.metadata.version(package) for package in PACKAGES},
        "settings": {
            "posts": arguments.posts, "seed": arguments.seed, "rounds": arguments.rounds,
            "reloads": arguments.reloads, "page_loads": arguments.page_loads, "parts": parts,
            "contenders": list(contenders), "startups": arguments.startups,
        },
    }
    categories = site_categories((snapshot / "mkdocs.yml").read_text("utf-8"))
    site = write_synthetic_site(generate_posts(arguments.posts, arguments.seed, categories), snapshot)
    if "builds" in parts:
        synthetic_builds(site, arguments.rounds, not arguments.skip_zensical, results, contenders)
        if arguments.posts == README_POSTS:
            real_builds(snapshot, arguments.rounds, results)
    if "startup" in parts:
        serve_startups(site, arguments.startups, results)
    if "reload" in parts:
        reloads(snapshot, site, arguments.reloads, results)
    if "pageload" in parts:
        page_load_results(snapshot, arguments.page_loads, results)
    if "search" in parts:
        search_results(snapshot, site, results)
    if "tests" in parts:
        print("make test in a fresh clone of HEAD …", flush=True)
        results["test_suite"] = dataclasses.asdict(make_test_in_fresh_clone())

    report = render_report(results)
    if arguments.write and arguments.posts == README_POSTS:
        publish(report, results, RESULTS_FILE, README, START_MARKER, END_MARKER)
    elif arguments.write:  # its own block and file, e.g. the 5,000-post run: `make bench-5000`
        results_file = RESULTS_FILE.with_name(f"{RESULTS_FILE.stem}-{arguments.posts}{RESULTS_FILE.suffix}")
        start, end = (marker.replace("bench:", f"bench-{arguments.posts}:") for marker in (START_MARKER, END_MARKER))
        publish(report, results, results_file, README, start, end)
    else:
        print("\n" + report)


if __name__ == "__main__":
    main()
