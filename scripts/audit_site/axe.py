"""axe-core's violations of one page, counted by impact and by rule.

axe gives each violated rule an impact (critical, serious, moderate or minor)
and the elements ("nodes") that break it. A rule is counted under its own
impact, with all its nodes.
"""
from __future__ import annotations

IMPACTS = ("critical", "serious", "moderate", "minor")
# The targets serious enough that a page fails the audit.
BLOCKING_IMPACTS = ("critical", "serious")
EXAMPLE_NODES = 3  # kept per rule, so a fix can start from them without rerunning axe
EXAMPLE_HTML_CHARACTERS = 200
# axe's defaults (every rule not marked experimental); only violations come back.
AXE_RUN = "() => axe.run(document, { resultTypes: ['violations'] })"


def count_violations(result: dict) -> dict:
    """By impact: rules and nodes; by rule: its impact, help, node count and a few nodes."""
    by_impact = {impact: {"rules": 0, "nodes": 0} for impact in IMPACTS}
    rules = {}
    for violation in result["violations"]:
        impact = violation["impact"]
        if impact not in by_impact:
            raise ValueError(f"axe rule {violation['id']} has an unknown impact {impact!r}; expected one of {', '.join(IMPACTS)}")
        by_impact[impact]["rules"] += 1
        by_impact[impact]["nodes"] += len(violation["nodes"])
        rules[violation["id"]] = {
            "impact": impact,
            "help": violation["help"],
            "nodes": len(violation["nodes"]),
            "examples": [
                {"target": node["target"], "html": node["html"][:EXAMPLE_HTML_CHARACTERS]}
                for node in violation["nodes"][:EXAMPLE_NODES]
            ],
        }
    return {"version": result["testEngine"]["version"], "by_impact": by_impact, "rules": rules}


def blocking_nodes(counts: dict) -> int:
    """Nodes of critical and serious violations."""
    return sum(counts["by_impact"][impact]["nodes"] for impact in BLOCKING_IMPACTS)
