"""Fixes: LibCST codemods that turn a finding into a unified diff, only where the change is
provably behaviour-preserving. Kept apart from the analysis (the model never sees LibCST)."""
from __future__ import annotations

import difflib
from collections import defaultdict
from typing import TYPE_CHECKING, Callable

from . import raise_from

if TYPE_CHECKING:
    from ..findings import Finding
    from ..model.project import ProjectModel

# rule id -> (codemod taking source text and target lines, the reason it keeps behaviour)
FIXERS: dict[str, tuple[Callable[[str, set[int]], str | None], str]] = {
    "RA104": (raise_from.apply, raise_from.PARITY),
}
MAX_FILES = 40  # LibCST is slow: fixes are offered for the first files only (sorted), and said so


def attach_fixes(findings: list["Finding"], model: "ProjectModel") -> list[str]:
    """Add `fix = {"diff", "parity"}` to findings a fixer can change; return notes."""
    by_file: dict[str, list["Finding"]] = defaultdict(list)
    for finding in findings:
        if finding.rule in FIXERS:
            by_file[finding.location.path].append(finding)
    notes = []
    paths = sorted(by_file)
    if len(paths) > MAX_FILES:
        notes.append(f"fixes: diffs offered for {MAX_FILES} of {len(paths)} files with fixable findings")
    for path in paths[:MAX_FILES]:
        _fix_file(path, by_file[path], model)
    return notes


def _fix_file(path: str, findings: list["Finding"], model: "ProjectModel") -> None:
    lines = model.lines(path)
    source = "\n".join(lines)
    for finding in findings:
        fixer, parity = FIXERS[finding.rule]
        changed = fixer(source, set(range(finding.location.start_line, finding.location.end_line + 1)))
        if changed is None or changed == source:
            continue
        diff = "".join(difflib.unified_diff(
            [line + "\n" for line in lines], [line + "\n" for line in changed.split("\n")],
            fromfile=f"a/{path}", tofile=f"b/{path}", n=2))
        finding.fix = {"diff": diff, "parity": parity}
