"""Audit every built page: Lighthouse (mobile), axe-core in both colour schemes,
the Nu Html Checker and page weight (`make audit`).

    python -m scripts.audit_site                 # print the tables
    python -m scripts.audit_site --write         # also update README.md and bench/site-audit.json
    python -m scripts.audit_site --runs 1 --parts nu,browser   # a quick trial

Modules: pages (the built pages and their URLs), tools (the pinned tools in
tools/audit/ and their versions), lighthouse, axe, network (page weight and
requests to other hosts), browser (axe and page weight in Chromium), nu (the
Nu Html Checker), and report (tables and PASS/FAIL targets). Everything that
reads a tool's output is a pure function of that output.
"""
