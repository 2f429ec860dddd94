"""SARIF 2.1.0, for code-scanning dashboards."""
from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..result import Result
from ..rules.api import rule_classes

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"CRITICAL": "error", "HIGH": "error", "MEDIUM": "warning", "LOW": "note"}
_SCORE = {"CRITICAL": "9.5", "HIGH": "8.0", "MEDIUM": "5.0", "LOW": "2.0"}


def _region(start: int, end: int) -> dict[str, int]:
    return {"startLine": start, "endLine": end}


def _location(path: str, start: int, end: int, note: str = "") -> dict[str, Any]:
    loc: dict[str, Any] = {"physicalLocation": {
        "artifactLocation": {"uri": path, "uriBaseId": "SRCROOT"}, "region": _region(start, end)}}
    if note:
        loc["message"] = {"text": note}
    return loc


def _rules() -> list[dict[str, Any]]:
    out = []
    for cls in rule_classes():
        docs = cls.docs()
        out.append({
            "id": cls.id, "name": cls.name or cls.category,
            "shortDescription": {"text": cls.summary() or cls.category},
            "fullDescription": {"text": docs.get("What it finds", "") or cls.category},
            "help": {"text": "\n\n".join(f"{k}:\n{docs[k]}" for k in ("Why it matters", "Example", "Instead")
                                         if docs.get(k)),
                     "markdown": "\n\n".join(f"**{k}**\n\n{docs[k]}" for k in ("Why it matters", "Instead")
                                             if docs.get(k))},
            "defaultConfiguration": {"level": _LEVEL[cls.severity]},
            "properties": {"category": cls.category, "security-severity": _SCORE[cls.severity],
                           "tags": [cls.category, cls.report()]},
        })
    return out


def render(result: Result) -> str:
    rules = _rules()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for finding in result.findings:
        loc = finding.location
        entry: dict[str, Any] = {
            "ruleId": finding.rule, "level": _LEVEL[finding.severity],
            "message": {"text": f"{finding.title}. {finding.description}".strip()},
            "locations": [_location(loc.path, loc.start_line, loc.end_line)],
            "partialFingerprints": {"reassess/v1": finding.fingerprint},
            "properties": {"severity": finding.severity, "priority": finding.priority,
                           "category": finding.category, "effort_hours": finding.effort_hours},
        }
        if finding.rule in index:
            entry["ruleIndex"] = index[finding.rule]
        if finding.related_locations:
            entry["relatedLocations"] = [
                {"id": i, **_location(r.path, r.start_line, r.end_line, r.note)}
                for i, r in enumerate(finding.related_locations, 1)]
        results.append(entry)
    log = {
        "$schema": SARIF_SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "reassess", "version": __version__, "rules": rules}},
            "originalUriBaseIds": {"SRCROOT": {"description": {"text": f"the analysed root ({result.target.root})"}}},
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
