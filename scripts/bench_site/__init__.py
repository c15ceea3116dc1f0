"""Benchmark the site: build time, edit-to-reload and page loads (`make bench`).

    python -m scripts.bench_site                      # print the tables
    python -m scripts.bench_site --write              # also update README.md and bench/site-benchmark.json
    python -m scripts.bench_site --posts 50 --rounds 1 --parts builds   # a quick trial

Modules: corpus (the synthetic posts, pure), projects (the copies under
.cache/bench/), measure (wall time and peak RSS of a process tree), builds,
reload, pageload, and report (tables and PASS/FAIL targets).
"""
