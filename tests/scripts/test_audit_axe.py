"""Counting axe-core's violations by impact and by rule."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from scripts.audit_site.axe import EXAMPLE_NODES, blocking_nodes, count_violations

# Cut down by hand from a real axe-core 4.14.1 result of blog/cuckoo-filter/.
RESULT = json.loads((Path(__file__).parent / "audit_fixtures/axe-result.json").read_text("utf-8"))


def test_violations_are_counted_by_impact_in_rules_and_nodes():
    assert count_violations(RESULT)["by_impact"] == {
        "critical": {"rules": 1, "nodes": 1},
        "serious": {"rules": 1, "nodes": 4},
        "moderate": {"rules": 1, "nodes": 1},
        "minor": {"rules": 0, "nodes": 0},
    }


def test_each_rule_keeps_its_impact_help_node_count_and_a_few_nodes():
    rule = count_violations(RESULT)["rules"]["color-contrast"]
    assert (rule["impact"], rule["nodes"]) == ("serious", 4)
    assert rule["help"] == "Elements must meet minimum color contrast ratio thresholds"
    assert len(rule["examples"]) == EXAMPLE_NODES
    assert rule["examples"][0]["target"] == [".md-tabs__item:nth-child(1) > .md-tabs__link"]


def test_the_axe_version_comes_from_the_result():
    assert count_violations(RESULT)["version"] == "4.14.1"


def test_blocking_nodes_are_the_critical_and_serious_ones():
    assert blocking_nodes(count_violations(RESULT)) == 5


def test_a_clean_page_counts_zero_everywhere():
    counts = count_violations({**RESULT, "violations": []})
    assert counts["rules"] == {}
    assert blocking_nodes(counts) == 0


def test_an_unknown_impact_names_the_rule():
    odd = copy.deepcopy(RESULT)
    odd["violations"][0]["impact"] = "catastrophic"
    with pytest.raises(ValueError, match="color-contrast has an unknown impact 'catastrophic'"):
        count_violations(odd)
