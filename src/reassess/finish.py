"""Turning rule output into final findings: verbatim evidence, suppressions, fingerprints, order."""
from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from .findings import Finding, Location, fingerprint
from .knowledge.linter_codes import silenced_here
from .model.exits import holds
from .source import is_generated

if TYPE_CHECKING:
    from .model.project import ProjectModel

_SUPPRESS = re.compile(r"#\s*reassess:\s*ignore(?:\[([^\]]*)\])?")
# Findings about how code is written: meaningless for generated files nobody edits by hand.
STYLE_CATEGORIES = frozenset({
    "long-function", "high-complexity", "large-file", "god-object", "duplicate-code", "magic-number",
    "missing-type-hints", "missing-docstring", "naming", "import-organization", "any-type",
    "dynamic-return-type", "pep8", "dead-code", "tight-coupling",
})


def finish_findings(findings: list[Finding], model: "ProjectModel", sources: dict[str, bytes]) -> list[Finding]:
    """Quote evidence from the files (the only place it is produced), drop suppressed and
    duplicate findings and those a file rule made conditional on the project (`extra["unless"]`,
    see `_resolved_away`), sort, and give each a fingerprint that ignores line numbers."""
    kept: list[Finding] = []
    seen: set[tuple] = set()
    findings = [f for f in findings if not _resolved_away(f, model)]
    for finding in findings:
        lines = model.lines(finding.location.path)
        if not _clamp(finding.location, lines):
            continue
        finding.related_locations = [loc for loc in finding.related_locations if _clamp(loc, model.lines(loc.path))]
        if _suppressed(finding, lines):
            continue
        if finding.category in STYLE_CATEGORIES and is_generated(finding.location.path, lines):
            continue
        key = (finding.rule, finding.location.path, finding.location.start_line, finding.title)
        if key in seen:
            continue
        seen.add(key)
        finding.evidence = "\n".join(lines[finding.location.start_line - 1: finding.location.end_line])
        kept.append(finding)
    kept.sort(key=Finding.sort_key)
    occurrences: Counter = Counter()
    for finding in kept:
        base = (finding.rule, finding.location.path, re.sub(r"\s+", " ", finding.evidence).strip())
        finding.fingerprint = fingerprint(finding.rule, finding.location.path, finding.evidence, occurrences[base])
        occurrences[base] += 1
    return kept


def _resolved_away(finding: Finding, model: "ProjectModel") -> bool:
    """A file rule's finding that holds unless project functions it could not see do something
    (`extra["unless"]`: every handler's `fail(...)` never returns): dropped when all of them do.
    File rules run per file without the model (and are cached so), hence the deferral; the
    conditions are a list of `model.exits.holds` arguments, made by `errors.handlers.unless_callees`.
    The key is removed either way, so it never reaches the report's `details`."""
    conditions = finding.extra.pop("unless", None)
    return bool(conditions) and all(holds(model, finding.location.path, c) for c in conditions)


def _clamp(location: Location, lines: list[str]) -> bool:
    """Keep a location inside its file; a location in a file we cannot read is dropped."""
    count = len(lines) - (1 if lines and lines[-1] == "" and len(lines) > 1 else 0)
    if count <= 0:
        return False
    location.start_line = min(max(1, location.start_line), count)
    location.end_line = min(max(location.start_line, location.end_line), count)
    return True


def _suppressed(finding: Finding, lines: list[str]) -> bool:
    """`# reassess: ignore` or `# reassess: ignore[RA101,bare-except]` on the first cited line
    or on the line above it; or, on the first cited line, another linter's check for the same
    thing silenced (`# noqa: BLE001` on a broad catch)."""
    start = finding.location.start_line
    if 0 < start <= len(lines) and silenced_here(finding.category, lines[start - 1]):
        return True
    for index in (start - 1, start - 2):
        if 0 <= index < len(lines):
            match = _SUPPRESS.search(lines[index])
            if match is None:
                continue
            if index == start - 2 and lines[index].strip()[:1] != "#":
                continue  # the line above counts only when it is a comment line of its own
            wanted = match.group(1)
            if wanted is None:
                return True
            names = {item.strip() for item in wanted.split(",")}
            if finding.rule in names or finding.category in names:
                return True
    return False
