"""Reporters on hand-built results: sections, finding fields, JSON contract, SARIF validity."""
from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from reassess.findings import Finding, Location, fingerprint
from reassess.report import architecture, code_review, json_report, sarif
from reassess.result import Result, Target

DATA = Path(__file__).parent / "data"

ARCH_BRIEF_SECTIONS = [
    "Component Diagram", "Data Flow Patterns", "Architectural Concerns", "Architectural Flaws",
    "Redundancies and code duplication", "Deadlock scenarios and concurrency conflicts",
    "Backpressure risks in real-time data flows", "Race conditions and TOCTOU issues",
    "Resilience & Fault Tolerance", "Error handling patterns", "Circuit breaker implementations",
    "Timeout configurations", "Fallback mechanisms", "Recovery procedures", "Scalability Analysis",
    "Horizontal scaling blockers", "Single points of failure", "Stateful vs stateless components",
    "Database connection management", "WebSocket connection handling", "Background worker coordination",
    "Response Time Bottlenecks", "Slow query identification", "N+1 query patterns",
    "Synchronous I/O in async contexts", "Inefficient algorithms", "Missing indexes", "Observability",
    "Logging coverage and quality", "Metrics and monitoring hooks", "Health check comprehensiveness",
    "Debugging capabilities", "Distributed tracing", "Scalability Assessment", "Resilience Analysis",
    "Observability Evaluation", "Recommended Improvements",
]
REVIEW_BRIEF_SECTIONS = [
    "Code Quality Metrics", "Code Quality", "Correctness and logic errors", "Modularity and separation of concerns",
    "Code duplication (DRY principle)", "Function/class size (cognitive complexity)", "Anti-Patterns",
    "God objects", "Circular dependencies", "Tight coupling", "Premature optimization", "Magic numbers",
    "Callback hell", "Singleton abuse", "Performance Issues", "N+1 query patterns",
    "Synchronous I/O in async context", "Inefficient algorithms", "Unnecessary data copying", "Missing indexes",
    "Cache misuse", "Type Safety", "Missing type hints", "Dynamic return types", "Unsafe type conversions",
    "Any/unknown types", "Error Handling", "Inconsistent exception handling", "Bare except clauses",
    "Swallowed exceptions", "Missing error propagation", "Inadequate logging", "Code Organization",
    "Module structure", "Import organization", "Naming conventions", "Documentation quality (docstrings)",
    "Comment quality", "Testing", "Test coverage", "Test quality", "Missing edge cases", "Integration test gaps",
    "Best Practices", "PEP 8 compliance", "Python idioms", "FastAPI best practices", "AsyncIO patterns",
    "Database query optimization", "Anti-Pattern Analysis", "Performance Issue Identification",
    "Refactoring Recommendations", "Approved Changes (with code diffs)", "Confirmation of Functional Parity",
]
ARCH_FIELDS = ["**Severity:**", "**Location:**", "**Issue Description:**", "**Impact:**", "**Recommendation:**",
               "**Effort:**", "**Priority:**"]
REVIEW_FIELDS = ["**Category:**", "**Severity:**", "**Location:**", "**Current Code:**", "**Issue:**",
                 "**Recommendation:**", "**Effort:**", "**Priority:**"]


def _finding(rule: str, category: str, severity: str, path: str, line: int, report: str) -> Finding:
    finding = Finding(rule=rule, category=category, severity=severity, title=f"{category} in {path}",
                      location=Location(path, line, line + 1), description="what is wrong",
                      impact="what happens", recommendation="do this instead", report=report,
                      related_locations=[Location("app/db.py", 3, 3, "the query")], effort_hours=2.0,
                      evidence="x = 1\ny = 2")
    finding.fingerprint = fingerprint(rule, path, finding.evidence, 0)
    return finding


@pytest.fixture()
def result() -> Result:
    findings = [
        _finding("RA301", "sync-io-in-async", "CRITICAL", "app/routes/a.py", 10, "architecture"),
        _finding("RA201", "n-plus-one", "HIGH", "app/workers/w.py", 20, "architecture"),
        _finding("RA101", "bare-except", "MEDIUM", "app/services/s.py", 5, "code-review"),
        _finding("RA801", "long-function", "LOW", "app/services/s.py", 40, "code-review"),
    ]
    return Result(Target("backend", None, 3, 120), findings, metrics={"files": {"count": 3, "lines": 120}},
                  rules_run=["RA101", "RA201", "RA301", "RA801"])


def _headings(text: str) -> list[str]:
    return [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]


def test_architecture_report_has_every_brief_section_in_order(result: Result) -> None:
    text = architecture.render(result, "2026-01-01")
    heads = " | ".join(_headings(text))
    positions = [heads.find(section) for section in ARCH_BRIEF_SECTIONS[:33]]
    assert -1 not in positions, [s for s, p in zip(ARCH_BRIEF_SECTIONS, positions) if p == -1]
    assert positions == sorted(positions), "sections out of the brief's order"
    for section in ARCH_BRIEF_SECTIONS:
        assert section in heads, section


def test_code_review_has_every_brief_section(result: Result) -> None:
    heads = " | ".join(_headings(code_review.render(result, "2026-01-01")))
    for section in REVIEW_BRIEF_SECTIONS:
        assert section in heads, section


def _blocks(text: str) -> list[str]:
    return [block for block in text.split("\n#### ")[1:]]


def test_every_finding_block_has_every_brief_field(result: Result) -> None:
    arch_blocks = _blocks(architecture.render(result))
    review_blocks = _blocks(code_review.render(result))
    assert len(arch_blocks) == 3  # all but the code-quality finding, each once
    assert len(review_blocks) == 4  # its own two plus the shared performance ones (n+1, sync I/O)
    for block in arch_blocks:
        for field in ARCH_FIELDS:
            assert field in block, (field, block[:80])
    for block in review_blocks:
        for field in REVIEW_FIELDS:
            assert field in block, (field, block[:80])


def test_code_review_renders_its_own_scales(result: Result) -> None:
    text = code_review.render(result)
    assert "CRITICAL" not in text and "P0" not in text
    block = next(b for b in _blocks(text) if "sync-io-in-async" in b)
    assert "**Severity:** HIGH" in block and "**Priority:** P1" in block
    low = next(b for b in _blocks(text) if "long-function" in b)
    assert "**Priority:** P3" in low


def test_a_crowded_subsection_details_the_most_severe_and_lists_the_rest() -> None:
    findings = [_finding("RA802", "duplicate-code", "HIGH" if i < 3 else "MEDIUM", f"app/m{i:02d}.py", 10,
                         "code-review") for i in range(26)]
    crowded = Result(Target("backend", None, 26, 900), findings, rules_run=["RA802"])
    for text, severity in ((architecture.render(crowded), "MEDIUM"), (code_review.render(crowded), "MEDIUM")):
        assert len(_blocks(text)) == 20
        assert "The other 6 findings of this subsection, one row each" in text
        rows = [line for line in text.splitlines() if line.startswith("| ") and "`app/m2" in line]
        assert [row.split(" | ")[-1] for row in rows] == [f"`app/m{i}.py:10-11` |" for i in range(20, 26)]
        assert all(f" | {severity} | " in row for row in rows)
        assert "#### " in text and "app/m00.py" in _blocks(text)[0]  # the HIGH ones come first, in full


def test_unassessed_sections_say_so(result: Result) -> None:
    text = architecture.render(result)
    section = text.split("### Circuit breaker implementations", 1)[1].split("###", 1)[0]
    assert "Not assessed" in section


def test_json_follows_the_contract(result: Result) -> None:
    data = json.loads(json_report.render(result))
    assert data["schema_version"] == 1
    assert data["tool"]["name"] == "reassess"
    assert data["target"] == {"root": "backend", "commit": None, "files": 3, "lines": 120}
    required = {"fingerprint", "rule", "category", "report", "severity", "priority", "title", "location",
                "related_locations", "description", "impact", "recommendation", "effort_hours", "evidence"}
    for item in data["findings"]:
        assert required <= set(item)
        assert set(item["location"]) == {"path", "start_line", "end_line"}
        assert item["severity"] in ("CRITICAL", "HIGH", "MEDIUM", "LOW")
        assert item["priority"] in ("P0", "P1", "P2", "P3")
        assert item["report"] in ("architecture", "code-review")


def _schema() -> dict:
    official = os.environ.get("REASSESS_SARIF_SCHEMA")
    path = Path(official) if official else DATA / "sarif_subset_schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_sarif_is_valid(result: Result) -> None:
    log = json.loads(sarif.render(result))
    jsonschema.Draft4Validator(_schema()).validate(log)
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == [f.rule for f in result.findings]
    assert results[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 10, "endLine": 11}
    assert results[0]["relatedLocations"][0]["message"]["text"] == "the query"


def test_sarif_rule_index_points_at_the_rule(result: Result) -> None:
    log = json.loads(sarif.render(result))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    for item in log["runs"][0]["results"]:
        if "ruleIndex" in item:
            assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
