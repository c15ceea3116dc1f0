"""Each page's Content-Security-Policy (kb/guards/content_security_policy.py): its sources, hashes and place."""
from __future__ import annotations

import base64
import hashlib
import textwrap

import pytest
from mkdocs.exceptions import PluginError

from kb.guards.content_security_policy import (
    Directive, inline_scripts, load_policy, policy, policy_of, script_hash, with_policy, with_scripts_allowed,
)
from tests.conftest import REPO_ROOT

POLICY = load_policy(REPO_ROOT / "data/content-security-policy.yml", "data/content-security-policy.yml")
# What the issue asks every page's policy to state.
REQUIRED = ("default-src", "script-src", "style-src", "img-src", "font-src", "connect-src", "frame-src",
            "object-src", "base-uri", "form-action")
PAGE = """<!doctype html>
<html lang="zh-TW">
  <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width">
    <script>var scope = 1</script>
    <script src="bundle.js"></script>
  </head>
  <body>
    <script>var palette = 2</script>
    <div data-md-component="container"><script>var tabs = 3</script></div>
    <script id="__config" type="application/json">{"base": "."}</script>
    <script type="module">import "./x.js"</script>
  </body>
</html>
"""


def test_the_site_policy_states_every_directive_the_issue_asks_for():
    sources = {directive.name: directive.sources for directive in POLICY}
    assert set(REQUIRED) <= set(sources)
    assert sources["default-src"] == ("'self'",)
    assert sources["object-src"] == ("'none'",)
    assert sources["base-uri"] == ("'self'",) and sources["form-action"] == ("'self'",)
    assert "'wasm-unsafe-eval'" in sources["script-src"]
    every_source = {source for directive in POLICY for source in directive.sources}
    assert "'unsafe-eval'" not in every_source
    assert "'unsafe-inline'" not in sources["script-src"]
    assert not any(source.startswith(("http:", "https:", "blob:")) or source == "*" for source in every_source)


def test_a_script_hash_is_the_base64_sha256_of_its_text():
    digest = base64.b64encode(hashlib.sha256("var scope = 1".encode()).digest()).decode()
    assert script_hash("var scope = 1") == f"'sha256-{digest}'"


def test_only_inline_scripts_that_run_are_hashed_and_those_instant_navigation_runs_again_are_known():
    scripts = inline_scripts(PAGE)
    assert scripts.everywhere == tuple(
        script_hash(text) for text in ("var scope = 1", "var palette = 2", "var tabs = 3", 'import "./x.js"')
    )
    assert scripts.in_container == (script_hash("var tabs = 3"),)


def test_the_policy_adds_hashes_to_script_src_and_origins_in_place_of_none():
    directives = [Directive("script-src", ("'self'",), "x"), Directive("frame-src", ("'none'",), "x")]
    text = policy(directives, ["'sha256-b'", "'sha256-a'", "'sha256-a'"], {"frame-src": ["https://v.example"]})
    assert text == "script-src 'self' 'sha256-a' 'sha256-b'; frame-src https://v.example"
    assert policy(directives, [], {}) == "script-src 'self'; frame-src 'none'"


def test_the_policy_is_the_first_thing_after_the_charset():
    written = with_policy(PAGE, "default-src 'self'")
    head = written.split("<head>", 1)[1].split()
    assert head[:5] == ['<meta', 'charset="utf-8">', "<meta", 'http-equiv="Content-Security-Policy"',
                        "content=\"default-src"]
    assert policy_of(written) == {"default-src": ["'self'"]}


def test_a_served_page_may_allow_one_more_script():
    written = with_policy(PAGE, "default-src 'self'; script-src 'self'")
    assert policy_of(with_scripts_allowed(written, [script_hash("livereload()")]))["script-src"] == [
        "'self'", script_hash("livereload()"),
    ]


def test_the_policy_file_refuses_what_would_let_scripts_in(tmp_path):
    path = tmp_path / "policy.yml"
    path.write_text(textwrap.dedent("""\
        script-src:
          sources: ["'self'", "'unsafe-inline'", "'unsafe-eval'"]
          why: no
        frame-ancestors:
          sources: ["'none'"]
          why: clickjacking
        img-src:
          sources: []
          why: images
    """), "utf-8")
    with pytest.raises(PluginError) as raised:
        load_policy(path, "policy.yml")
    assert str(raised.value).splitlines() == [
        "policy.yml:1: script-src: 'why' must say what needs these sources",
        "policy.yml:1: script-src: never 'unsafe-eval': it lets scripts run strings as code",
        "policy.yml:1: script-src: never 'unsafe-inline': inline scripts are allowed by hash",
        "policy.yml:4: frame-ancestors works only as an HTTP header, not in a <meta> policy",
        "policy.yml:7: img-src: 'sources' must be a list of CSP sources",
    ]
