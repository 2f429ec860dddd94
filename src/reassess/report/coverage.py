"""The coverage of entry points in plain sentences, shared by the architecture report and
`findings.json`: which frameworks serve the code as far as the model knows, and which imported
framework's entry points were not examined (a pure function of `result.system["frameworks"]`)."""
from __future__ import annotations

from typing import Any

from ..knowledge.webframes import COVERAGE_KINDS
from ..result import Result


def coverage_lines(result: Result) -> list[str]:
    """Which frameworks serve the code as far as the model knows, and what it could not see: one
    sentence per point, rendered from `result.system["frameworks"]` ([] when the run has none)."""
    coverage = result.system.get("frameworks")
    if not coverage:
        return []
    served, quiet, unknown = coverage["served_by"], coverage["imported_without_entries"], coverage["unrecognised"]
    lines = []
    if served:
        parts = [f"{row['name']}: " + ", ".join(_kind_count(kind, n) for kind, n in row["entries"].items())
                 for row in served]
        lines.append("Entry points found, by the framework that serves them (as far as reassess knows): "
                     + "; ".join(parts) + ".")
    for row in quiet:
        lines.append(f"{row['name']} is imported ({_where_imported(row)}) but no {row['name']} entry point was "
                     f"found: if it serves this code, its handlers were not examined as entry points.")
    for row in unknown:
        lines.append(f"{row['name']} is imported ({_where_imported(row)}): {row['name']} {row['what']} are not "
                     "recognised as entry points by this version of reassess, so rules that start from entry "
                     "points (request flows, blocking calls reached from handlers, per-request resources) did not "
                     "examine them: the absence of such findings there is no evidence that code is clean.")
    if not lines:
        lines.append("No HTTP routes, websocket endpoints or framework jobs were found, and no web, RPC or job "
                     "framework is imported: reassess read this code as a library or a program of its own; "
                     "rules that start from entry points had no route or job to start from.")
    return lines


def _kind_count(kind: str, count: int) -> str:
    one, many = COVERAGE_KINDS[kind]
    return f"{count} {one if count == 1 else many}"


def _where_imported(row: dict[str, Any]) -> str:
    modules = row["modules"]
    return f"{row['imported_at']}" + (f" and {modules - 1} more module{'s' if modules > 2 else ''}"
                                       if modules > 1 else "")
