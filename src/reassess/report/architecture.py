"""01_ARCHITECTURE_ASSESSMENT.md: the architecture brief's sections, in its order and words."""
from __future__ import annotations

from typing import Callable

from ..findings import Finding
from ..result import Result
from . import system_sections
from .markdown import (
    ARCH_PRIORITY, effort_text, fence, field_item, first_sentence, header, loc_text, location_block,
    severity_counts, subsection_body, table,
)

# (heading, [(sub-heading, categories, what it would assess)]) in the brief's order.
FLAW_SECTIONS: list[tuple[str, list[tuple[str, tuple[str, ...], str]]]] = [
    ("1. Architectural Flaws", [
        ("Redundancies and code duplication", ("duplicate-code",), "duplicated code"),
        ("Deadlock scenarios and concurrency conflicts", ("deadlock",), "lock ordering and locks held across awaits"),
        ("Backpressure risks in real-time data flows", ("backpressure",), "queues, fan-out and fire-and-forget tasks"),
        ("Race conditions and TOCTOU issues", ("race-condition",), "check-then-act across awaits"),
    ]),
    ("2. Resilience & Fault Tolerance (Resilience Analysis)", [
        ("Error handling patterns", ("inconsistent-error-handling", "swallowed-exception", "bare-except",
                                     "broad-except", "exception-without-cause"), "error handling"),
        ("Circuit breaker implementations", ("no-circuit-breaker",), "circuit breakers"),
        ("Timeout configurations", ("missing-timeout",), "timeouts"),
        ("Fallback mechanisms", ("no-fallback", "no-retry"), "fallbacks and retries"),
        ("Recovery procedures", ("no-recovery",), "task and worker recovery"),
    ]),
    ("3. Scalability Analysis (Scalability Assessment)", [
        ("Horizontal scaling blockers", ("horizontal-scaling-blocker", "global-mutable-state"),
         "in-process state that breaks with two replicas"),
        ("Single points of failure", ("single-point-of-failure",), "single points of failure"),
        ("Stateful vs stateless components", ("stateful-component",), "stateful components"),
        ("Database connection management", ("connection-management",), "connection management"),
        ("WebSocket connection handling", ("websocket-lifecycle",), "websocket handling"),
        ("Background worker coordination", ("worker-coordination",), "worker coordination"),
    ]),
    ("4. Response Time Bottlenecks", [
        ("Slow query identification", ("slow-query",), "slow queries"),
        ("N+1 query patterns", ("n-plus-one",), "N+1 queries"),
        ("Synchronous I/O in async contexts", ("sync-io-in-async", "blocking-cpu-in-async"),
         "blocking calls reached from coroutines"),
        ("Inefficient algorithms", ("inefficient-algorithm", "unnecessary-copy", "unbounded-cache", "cache-misuse"),
         "algorithmic complexity"),
        ("Missing indexes", ("missing-index",), "indexes"),
    ]),
    ("5. Observability (Observability Evaluation)", [
        ("Logging coverage and quality", ("logging-gap",), "logging coverage"),
        ("Metrics and monitoring hooks", ("metrics-gap",), "metrics hooks"),
        ("Health check comprehensiveness", ("health-check-gap",), "health checks"),
        ("Debugging capabilities", ("observability-gap",), "debuggability"),
        ("Distributed tracing", ("tracing-gap",), "tracing"),
    ]),
]

# System overview renderers shown at the top of a subsection, by sub-heading.
OVERVIEWS: dict[str, str] = {
    "Stateful vs stateless components": "stateful_components",
    "Single points of failure": "single_points_of_failure",
    "Timeout configurations": "timeout_inventory",
    "Health check comprehensiveness": "health_checks",
    "Logging coverage and quality": "observability",
    "Background worker coordination": "worker_coordination",
}


def render_finding(finding: Finding, number: str) -> str:
    return "\n".join([
        f"#### {number} {finding.title}",
        "",
        f"- **Severity:** {finding.severity}",
        f"- **Location:** {location_block(finding)}",
        "",
        fence(finding.evidence),
        "",
        field_item("Issue Description", finding.description),
        field_item("Impact", finding.impact or 'See the issue description.'),
        field_item("Recommendation", finding.recommendation),
        f"- **Effort:** {effort_text(finding.effort_hours)}",
        f"- **Priority:** {ARCH_PRIORITY[finding.priority]}",
    ])


def _overview(name: str, result: Result) -> str:
    renderer: Callable[[Result], str] | None = getattr(system_sections, name, None)
    return renderer(result).strip() if renderer else ""


def render(result: Result, run_date: str | None = None) -> str:
    numbers = _numbering(result)
    placed: set[str] = set()
    out = [header(result, "Architecture Assessment", run_date), "", _summary(result, numbers), ""]
    out += ["## Component Diagram", "",
            _overview("component_diagram", result) or _not_built("the component diagram"), ""]
    out += ["## Data Flow Patterns", "", _overview("data_flows", result) or _not_built("data flows"), ""]
    out += ["## Architectural Concerns", "", _concerns_table(result, numbers), ""]
    for heading, subsections in FLAW_SECTIONS:
        out += [f"## {heading}", ""]
        for sub, categories, what in subsections:
            out += [f"### {sub}", ""]
            overview = _overview(OVERVIEWS.get(sub, ""), result) if sub in OVERVIEWS else ""
            if overview:
                out += [overview, ""]
            body = subsection_body(result, categories, lambda f: render_finding(f, numbers[f.fingerprint]),
                                   placed, what, lambda f: (numbers[f.fingerprint], f.severity, f.title,
                                                            loc_text(f.location)))
            out += [body, ""]
    out += ["## Scorecard", "", _scorecard(result), ""]
    out += ["## Recommended Improvements", "", _improvements(result, numbers), ""]
    out += ["## Functional Parity", "", _parity(), ""]
    out += ["## Method and Coverage", "", _method(result), ""]
    return "\n".join(out).rstrip() + "\n"


SHOWN_CATEGORIES = {c for _, subs in FLAW_SECTIONS for _, cats, _ in subs for c in cats}


def _numbering(result: Result) -> dict[str, str]:
    """Numbers for the findings this report shows: its own first, then the error-handling
    and duplication findings its sections also cover."""
    arch = [f for f in result.findings if f.report == "architecture"]
    other = [f for f in result.findings if f.report != "architecture" and f.category in SHOWN_CATEGORIES]
    return {f.fingerprint: f"A-{i:02d}" for i, f in enumerate(arch + other, 1)}


def _shown(result: Result, numbers: dict[str, str]) -> list[Finding]:
    """The findings this report numbers and details (A-01...): its own, then the duplication and
    error-handling findings its sections also cover, in numbering order."""
    return sorted((f for f in result.findings if f.fingerprint in numbers), key=lambda f: numbers[f.fingerprint])


def _summary(result: Result, numbers: dict[str, str]) -> str:
    counts = severity_counts(result.findings)
    shown = _shown(result, numbers)
    rows = [(sev, counts.get(sev, 0), sum(1 for f in shown if f.severity == sev)) for sev in
            ("CRITICAL", "HIGH", "MEDIUM", "LOW")]
    top = [f for f in shown if f.priority in ("P0", "P1")]
    effort = sum(f.effort_hours for f in top)
    coverage = _overview("framework_coverage", result)
    return "\n".join([
        "## Summary", "",
        table(["Severity", "All findings (both reports)", "In this report"], rows), "",
        f"Estimated effort for the {len(top)} P0 and P1 findings of this report: {effort:g} hours "
        f"(sum of their per-finding estimates below).",
    ] + (["", "Coverage of entry points:", "", coverage] if coverage else []))


def _concerns_table(result: Result, numbers: dict[str, str]) -> str:
    shown = _shown(result, numbers)
    if not shown:
        return "No architecture findings."
    rows = [(numbers[f.fingerprint], f.severity, ARCH_PRIORITY[f.priority], f.category,
             f"{f.location.path}:{f.location.start_line}", f.title) for f in shown]
    return table(["#", "Severity", "Priority", "Category", "Location", "Concern"], rows)


def _scorecard(result: Result) -> str:
    text = _overview("scorecard", result)
    return text or _not_built("the scorecard")


def _improvements(result: Result, numbers: dict[str, str]) -> str:
    top = [f for f in _shown(result, numbers) if f.priority in ("P0", "P1")]
    if not top:
        return "No P0 or P1 findings in this report; see the sections above for P2 items."
    lines = []
    for f in top:
        rationale = first_sentence(f.impact or f.description)
        lines.append(f"1. **{numbers[f.fingerprint]} {f.title}** ({ARCH_PRIORITY[f.priority]}, "
                     f"{effort_text(f.effort_hours)}). Rationale: {rationale}")
    return "\n".join(lines)


def _parity() -> str:
    return ("Every recommendation above is a change inside the cited functions that keeps their "
            "signatures, routes, payloads and return values; none renames or removes a public name. "
            "reassess has applied no change to the code: verify each change with the project's own "
            "test suite before merging.")


def _method(result: Result) -> str:
    rows = [(k, v) for k, v in sorted(result.examined.items())]
    parts = ["What was examined (counted by the analyses):", "",
             table(["What", "Count"], rows) if rows else "(nothing)"]
    if result.notes:
        parts += ["", "Analysis notes:", ""] + [f"- {note}" for note in result.notes[:50]]
        if len(result.notes) > 50:
            parts.append(f"- and {len(result.notes) - 50} more (see findings.json `notes`)")
    return "\n".join(parts)


def _not_built(what: str) -> str:
    return f"Not assessed: this version of reassess does not derive {what}."
