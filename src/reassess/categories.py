"""Finding categories (from the findings contract): which report and section each belongs to."""
from __future__ import annotations

# category -> (report, section key). Section keys are the briefs' headings, see report/sections.py.
CATEGORIES: dict[str, tuple[str, str]] = {
    # concurrency and flow
    "sync-io-in-async": ("architecture", "response-time"),
    "blocking-cpu-in-async": ("architecture", "response-time"),
    "race-condition": ("architecture", "race"),
    "deadlock": ("architecture", "deadlock"),
    "backpressure": ("architecture", "backpressure"),
    "websocket-lifecycle": ("architecture", "websocket"),
    # resilience
    "missing-timeout": ("architecture", "resilience"),
    "no-retry": ("architecture", "resilience"),
    "no-circuit-breaker": ("architecture", "resilience"),
    "no-fallback": ("architecture", "resilience"),
    "no-recovery": ("architecture", "resilience"),
    "swallowed-exception": ("code-review", "error-handling"),
    "bare-except": ("code-review", "error-handling"),
    "broad-except": ("code-review", "error-handling"),
    "exception-without-cause": ("code-review", "error-handling"),
    "inconsistent-error-handling": ("code-review", "error-handling"),
    # scalability
    "global-mutable-state": ("architecture", "scalability"),
    "horizontal-scaling-blocker": ("architecture", "scalability"),
    "single-point-of-failure": ("architecture", "scalability"),
    "stateful-component": ("architecture", "scalability"),
    "worker-coordination": ("architecture", "scalability"),
    "connection-management": ("architecture", "scalability"),
    # response time and data
    "n-plus-one": ("architecture", "response-time"),
    "slow-query": ("architecture", "response-time"),
    "missing-index": ("architecture", "response-time"),
    "inefficient-algorithm": ("code-review", "performance"),
    "unnecessary-copy": ("code-review", "performance"),
    "unbounded-cache": ("code-review", "performance"),
    "cache-misuse": ("code-review", "performance"),
    # observability
    "logging-gap": ("architecture", "observability"),
    "metrics-gap": ("architecture", "observability"),
    "health-check-gap": ("architecture", "observability"),
    "tracing-gap": ("architecture", "observability"),
    "observability-gap": ("architecture", "observability"),
    # correctness
    "undefined-name": ("code-review", "correctness"),
    "wrong-call": ("code-review", "correctness"),
    "unawaited-coroutine": ("code-review", "correctness"),
    "logic-error": ("code-review", "correctness"),
    "parse-error": ("code-review", "correctness"),
    # code quality
    "god-object": ("code-review", "anti-patterns"),
    "circular-import": ("code-review", "anti-patterns"),
    "tight-coupling": ("code-review", "anti-patterns"),
    "duplicate-code": ("code-review", "code-quality"),
    "long-function": ("code-review", "code-quality"),
    "high-complexity": ("code-review", "code-quality"),
    "large-file": ("code-review", "code-quality"),
    "magic-number": ("code-review", "anti-patterns"),
    "callback-hell": ("code-review", "anti-patterns"),
    "singleton-abuse": ("code-review", "anti-patterns"),
    "premature-optimization": ("code-review", "anti-patterns"),
    "dead-code": ("code-review", "code-quality"),
    "missing-type-hints": ("code-review", "type-safety"),
    "dynamic-return-type": ("code-review", "type-safety"),
    "unsafe-conversion": ("code-review", "type-safety"),
    "any-type": ("code-review", "type-safety"),
    "naming": ("code-review", "organization"),
    "import-organization": ("code-review", "organization"),
    "missing-docstring": ("code-review", "organization"),
    "pep8": ("code-review", "best-practices"),
    "python-idiom": ("code-review", "best-practices"),
    "test-gap": ("code-review", "testing"),
    "low-coverage": ("code-review", "testing"),
    "fastapi-practice": ("code-review", "best-practices"),
    "asyncio-practice": ("code-review", "best-practices"),
}

# The code review brief's five finding categories.
REVIEW_CATEGORY = {
    "anti-patterns": "Anti-pattern", "code-quality": "Anti-pattern", "performance": "Performance",
    "response-time": "Performance", "type-safety": "Type Safety", "error-handling": "Error Handling",
    "correctness": "Error Handling", "organization": "Organization", "testing": "Organization",
    "best-practices": "Organization", "resilience": "Error Handling", "observability": "Error Handling",
    "scalability": "Anti-pattern", "deadlock": "Performance", "race": "Anti-pattern",
    "backpressure": "Performance", "websocket": "Anti-pattern",
}


def report_of(category: str) -> str:
    return CATEGORIES[category][0]


def section_of(category: str) -> str:
    return CATEGORIES[category][1]
