"""Other linters' codes for what a reassess category finds.

A team that silenced one of these on a line (`# noqa: S110`, `# pylint: disable=broad-except`,
`# nosec B113`, `# type: ignore[attr-defined]`) has already looked at that very finding there
and decided; reporting it again only costs trust. A bare `# noqa` names nothing, so it counts
for nothing here. Architectural categories (state, scaling, resilience) have no entry: a
silenced style check says nothing about them.
"""
from __future__ import annotations

import re

CODES: dict[str, frozenset[str]] = {
    "bare-except": frozenset({"E722", "B001", "W0702", "bare-except"}),
    "swallowed-exception": frozenset({"S110", "S112", "SIM105", "B110", "B112", "try-except-pass"}),
    "broad-except": frozenset({"BLE001", "W0703", "W0718", "broad-except", "broad-exception-caught"}),
    "exception-without-cause": frozenset({"B904", "W0707", "TRY200", "raise-missing-from"}),
    "missing-timeout": frozenset({"S113", "B113", "W3101", "missing-timeout"}),
    "sync-io-in-async": frozenset({"ASYNC210", "ASYNC211", "ASYNC212", "ASYNC220", "ASYNC221", "ASYNC222",
                                   "ASYNC230", "ASYNC251"}),
    "long-function": frozenset({"PLR0915", "R0915", "too-many-statements"}),
    "high-complexity": frozenset({"C901", "PLR0912", "R0912", "too-many-branches"}),
    "god-object": frozenset({"PLR0904", "R0904", "R0902", "too-many-public-methods",
                             "too-many-instance-attributes"}),
    "large-file": frozenset({"C0302", "too-many-lines"}),
    "magic-number": frozenset({"PLR2004", "R2004", "magic-value-comparison"}),
    "undefined-name": frozenset({"F821", "E0602", "undefined-variable", "name-defined"}),
    "wrong-call": frozenset({"E1101", "E1120", "E1121", "E1123", "no-member", "no-value-for-parameter",
                             "too-many-function-args", "unexpected-keyword-arg", "attr-defined", "call-arg"}),
    "import-organization": frozenset({"I001", "E402", "wrong-import-position"}),
}

_MARKERS = (
    re.compile(r"#\s*noqa\s*:\s*([A-Z]+[0-9]+(?:\s*,?\s*[A-Z]+[0-9]+)*)"),
    re.compile(r"#\s*pylint\s*:\s*disable\s*=\s*([\w\-]+(?:\s*,\s*[\w\-]+)*)"),
    re.compile(r"#\s*nosec\s*:?\s*(B[0-9]+(?:\s*,?\s*B[0-9]+)*)"),
    re.compile(r"#\s*type\s*:\s*ignore\[([\w\-, ]+)\]"),
)


def silenced_codes(line: str) -> set[str]:
    """The linter codes a comment on this line silences."""
    if "#" not in line:
        return set()
    codes: set[str] = set()
    for marker in _MARKERS:
        for match in marker.finditer(line):
            codes.update(code for code in re.split(r"[\s,]+", match.group(1)) if code)
    return codes


def silenced_here(category: str, line: str) -> bool:
    """True when a comment on the line silences another linter's check for this category."""
    known = CODES.get(category)
    return bool(known) and not known.isdisjoint(silenced_codes(line))
