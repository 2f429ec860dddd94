"""03_CODE_EXPERT_REVIEW.md: the code review brief's sections, in its order and words."""
from __future__ import annotations

from ..categories import REVIEW_CATEGORY, section_of
from ..findings import Finding
from ..knowledge.webframes import FRAMEWORK_NAMES
from ..result import Result
from . import review_metrics
from .markdown import (
    REVIEW_PRIORITY, REVIEW_SEVERITY, effort_text, fence, field_item, header, loc_text, location_block,
    severity_counts, subsection_body, table,
)

# (heading, [(sub-heading, categories, what it would assess)]) in the brief's order.
SECTIONS: list[tuple[str, list[tuple[str, tuple[str, ...], str]]]] = [
    ("1. Code Quality", [
        ("Correctness and logic errors", ("undefined-name", "wrong-call", "unawaited-coroutine", "logic-error",
                                          "parse-error"), "correctness"),
        ("Modularity and separation of concerns", ("tight-coupling",), "coupling between modules"),
        ("Code duplication (DRY principle)", ("duplicate-code",), "duplicated code"),
        ("Function/class size (cognitive complexity)", ("long-function", "high-complexity", "large-file"),
         "function and class size"),
    ]),
    ("2. Anti-Patterns (Anti-Pattern Analysis)", [
        ("God objects", ("god-object",), "god objects"),
        ("Circular dependencies", ("circular-import",), "import cycles"),
        ("Tight coupling", ("tight-coupling",), "tight coupling"),
        ("Premature optimization", ("premature-optimization",), "premature optimisation"),
        ("Magic numbers", ("magic-number",), "magic numbers"),
        ("Callback hell", ("callback-hell",), "callback nesting"),
        ("Singleton abuse", ("singleton-abuse",), "singletons"),
    ]),
    ("3. Performance Issues (Performance Issue Identification)", [
        ("N+1 query patterns", ("n-plus-one",), "N+1 queries"),
        ("Synchronous I/O in async context", ("sync-io-in-async", "blocking-cpu-in-async"),
         "blocking calls reached from coroutines"),
        ("Inefficient algorithms (O(n²) where O(n) possible)", ("inefficient-algorithm",), "algorithmic complexity"),
        ("Unnecessary data copying", ("unnecessary-copy",), "data copying"),
        ("Missing indexes", ("missing-index", "slow-query"), "indexes and query shapes"),
        ("Cache misuse", ("cache-misuse", "unbounded-cache"), "caches"),
    ]),
    ("4. Type Safety", [
        ("Missing type hints", ("missing-type-hints",), "type-hint findings (coverage figures are above)"),
        ("Dynamic return types", ("dynamic-return-type",), "dynamic return types"),
        ("Unsafe type conversions", ("unsafe-conversion",), "unsafe conversions"),
        ("Any/unknown types", ("any-type",), "Any types (the count is above)"),
    ]),
    ("5. Error Handling", [
        ("Inconsistent exception handling", ("inconsistent-error-handling",), "exception hierarchies"),
        ("Bare except clauses", ("bare-except",), "bare except clauses"),
        ("Swallowed exceptions", ("swallowed-exception", "broad-except"), "swallowed exceptions"),
        ("Missing error propagation", ("exception-without-cause",), "error propagation"),
        ("Inadequate logging", ("logging-gap",), "logging in error paths"),
    ]),
    ("6. Code Organization", [
        ("Module structure", ("tight-coupling",), "module structure"),
        ("Import organization", ("import-organization",), "import organisation"),
        ("Naming conventions", ("naming",), "naming conventions"),
        ("Documentation quality (docstrings)", ("missing-docstring",), "docstring findings (coverage is above)"),
        ("Comment quality", ("dead-code",), "comment quality"),
    ]),
    ("7. Testing", [
        ("Test coverage", ("low-coverage",), "test coverage"),
        ("Test quality", (), "test quality"),
        ("Missing edge cases", (), "edge cases"),
        ("Integration test gaps", ("test-gap",), "integration tests"),
    ]),
    ("8. Best Practices", [
        ("PEP 8 compliance", ("pep8",), "PEP 8"),
        ("Python idioms", ("python-idiom",), "Python idioms"),
        ("FastAPI best practices", ("fastapi-practice",), "FastAPI practice"),
        ("AsyncIO patterns", ("asyncio-practice",), "asyncio patterns"),
        ("Database query optimization", ("slow-query",), "query optimisation"),
    ]),
]

# Metric tables shown at the top of a subsection, by sub-heading.
METRIC_BLOCKS = {
    "Function/class size (cognitive complexity)": review_metrics.size_block,
    "Code duplication (DRY principle)": review_metrics.duplication_block,
    "Missing type hints": review_metrics.type_hint_block,
    "Documentation quality (docstrings)": review_metrics.docstring_block,
    "Comment quality": review_metrics.comment_block,
    "Module structure": review_metrics.module_block,
    "Test coverage": review_metrics.test_block,
    "Test quality": review_metrics.test_quality_block,
    "Missing edge cases": review_metrics.edge_case_block,
    "Integration test gaps": review_metrics.integration_block,
    "Modularity and separation of concerns": review_metrics.coupling_block,
    "N+1 query patterns": review_metrics.n1_docs_block,
    "PEP 8 compliance": review_metrics.pep8_block,
    "Python idioms": review_metrics.idiom_block,
    "Unsafe type conversions": review_metrics.conversion_block,
}


def review_category(finding: Finding) -> str:
    return REVIEW_CATEGORY.get(section_of(finding.category), "Anti-pattern")


def render_finding(finding: Finding, number: str) -> str:
    return "\n".join([
        f"#### {number} {finding.title}",
        "",
        f"- **Category:** {review_category(finding)}",
        f"- **Severity:** {REVIEW_SEVERITY[finding.severity]}",
        f"- **Location:** {location_block(finding)}",
        "- **Current Code:**",
        "",
        fence(finding.evidence),
        "",
        field_item("Issue", finding.description),
        field_item("Recommendation", finding.recommendation),
        f"- **Effort:** {effort_text(finding.effort_hours)}",
        f"- **Priority:** {REVIEW_PRIORITY[finding.priority]}",
    ])


def _review_findings(result: Result) -> list[Finding]:
    """The code review shows its own findings plus the performance ones both briefs ask for."""
    shared = {"n-plus-one", "sync-io-in-async", "blocking-cpu-in-async", "missing-index", "slow-query"}
    return [f for f in result.findings if f.report == "code-review" or f.category in shared]


def render(result: Result, run_date: str | None = None) -> str:
    shown = _review_findings(result)
    numbers = {f.fingerprint: f"R-{i:02d}" for i, f in enumerate(shown, 1)}
    scoped = Result(result.target, shown, result.metrics, result.components, result.system, result.examined,
                    result.rules_run, result.notes)
    placed: set[str] = set()
    out = [header(result, "Code Expert Review", run_date), "", _summary(result, shown), ""]
    out += ["## Code Quality Metrics", "", review_metrics.overview(result), ""]
    for heading, subsections in SECTIONS:
        out += [f"## {heading}", ""]
        for sub, categories, what in subsections:
            out += [f"### {sub}", ""]
            block = METRIC_BLOCKS.get(sub)
            text = block(result).strip() if block else ""
            if text:
                out += [text, ""]
            if not categories and text:  # a subsection of figures only: its findings sit in a sibling
                continue
            if sub == "FastAPI best practices":
                served_by = _other_frameworks(result)
                if served_by:
                    out += [served_by, ""]
            already = [f for f in shown if f.category in categories and f.fingerprint in placed]
            body = subsection_body(scoped, categories, lambda f: render_finding(f, numbers[f.fingerprint]),
                                   placed, what, lambda f: (numbers[f.fingerprint], REVIEW_SEVERITY[f.severity],
                                                            f.title, loc_text(f.location)))
            if already and body.startswith("No findings"):
                body = "Shown above: " + ", ".join(sorted({numbers[f.fingerprint] for f in already})) + "."
            out += [body, ""]
    out += ["## Architecture Findings", "", _architecture_pointer(result), ""]
    out += ["## Refactoring Recommendations", "", review_metrics.refactoring_block(result, numbers), ""]
    out += ["## Approved Changes (with code diffs)", "", _approved_changes(shown, numbers), ""]
    out += ["## Confirmation of Functional Parity", "", _parity(shown), ""]
    return "\n".join(out).rstrip() + "\n"


def _other_frameworks(result: Result) -> str:
    """When the routes are served by a framework other than FastAPI, say so: the brief's FastAPI
    checks then apply to nothing, and "no findings" alone would read as a clean FastAPI bill."""
    routes = result.system.get("inventories", {}).get("routes", [])
    by_framework: dict[str, int] = {}
    for route in routes:
        name = route.get("framework", "")
        by_framework[name] = by_framework.get(name, 0) + 1
    others = {k: v for k, v in by_framework.items() if k in FRAMEWORK_NAMES}
    if not others:
        return ""
    served = ", ".join(f"{FRAMEWORK_NAMES[k]} ({v} of {len(routes)} routes)" for k, v in sorted(others.items()))
    if len(others) == len(by_framework):
        return (f"The HTTP routes are served by {served}, not FastAPI: the FastAPI-specific checks below have "
                "nothing to apply to, and this version has no practice checks of its own for that framework.")
    return (f"Not every route is a FastAPI route: {served} are served by another framework; the FastAPI-specific "
            "checks below apply to the rest only.")


def _summary(result: Result, shown: list[Finding]) -> str:
    counts = severity_counts(shown, REVIEW_SEVERITY)
    by_category: dict[str, int] = {}
    for f in shown:
        by_category[review_category(f)] = by_category.get(review_category(f), 0) + 1
    rows = [(sev, counts.get(sev, 0)) for sev in ("HIGH", "MEDIUM", "LOW")]
    cat_rows = sorted(by_category.items())
    effort = sum(f.effort_hours for f in shown)
    return "\n".join([
        "## Summary", "",
        table(["Severity", "Findings"], rows), "",
        table(["Category", "Findings"], cat_rows) if cat_rows else "No findings.", "",
        f"Estimated effort for all findings in this review: {effort:g} hours.",
    ])


def _architecture_pointer(result: Result) -> str:
    arch = [f for f in result.findings if f.report == "architecture"
            and f.category not in ("n-plus-one", "sync-io-in-async", "blocking-cpu-in-async", "missing-index",
                                   "slow-query")]
    if not arch:
        return "No further findings in the architecture assessment."
    counts: dict[str, int] = {}
    for f in arch:
        counts[f.category] = counts.get(f.category, 0) + 1
    return ("These findings are detailed in 01_ARCHITECTURE_ASSESSMENT.md:\n\n"
            + table(["Category", "Findings"], sorted(counts.items())))


def _approved_changes(shown: list[Finding], numbers: dict[str, str]) -> str:
    fixes = [f for f in shown if f.fix and f.fix.get("diff")]
    if not fixes:
        return ("No change is proposed as a ready diff in this run: reassess only offers a diff where it "
                "can prove the change safe. The recommendations above carry code examples instead.")
    parts = [f"{len(fixes)} changes can be applied as they are (`git apply` each diff from the analysed root):", ""]
    for f in fixes:
        parts += [f"#### {numbers[f.fingerprint]} {f.title}", "", fence(f.fix["diff"], "diff"), "",
                  f"Why behaviour is unchanged: {f.fix.get('parity', '')}", ""]
    return "\n".join(parts)


def _parity(shown: list[Finding]) -> str:
    fixes = [f for f in shown if f.fix and f.fix.get("diff")]
    reasons = sorted({f.fix.get("parity", "") for f in fixes} - {""})
    text = (f"{len(fixes)} ready diffs are proposed above. Each is produced by a codemod that makes one kind of "
            "change, offered only where that change cannot alter behaviour:" if fixes else
            "No ready diff is proposed, so nothing here can change behaviour by itself.")
    lines = [text, ""] + [f"- {reason}" for reason in reasons] + ([""] if reasons else [])
    lines.append("The other recommendations keep public signatures, routes, payloads and return values "
                 "unchanged and rename or remove no public name. reassess changed no file of the analysed "
                 "tree and did not run its tests: run the project's test suite on each change before merging.")
    return "\n".join(lines)
