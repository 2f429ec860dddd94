"""Findings: the unit every rule yields and every reporter renders (see the findings contract)."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
PRIORITY_OF = {"CRITICAL": "P0", "HIGH": "P1", "MEDIUM": "P2", "LOW": "P3"}
REPORTS = ("architecture", "code-review")


@dataclass(slots=True)
class Location:
    """A 1-based inclusive line range in a file, path relative to the analysed root."""

    path: str
    start_line: int
    end_line: int
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"path": self.path, "start_line": self.start_line, "end_line": self.end_line}
        if self.note:
            data["note"] = self.note
        return data


@dataclass(slots=True)
class Finding:
    """One problem at one place (plus related places), with everything a report needs."""

    rule: str
    category: str
    severity: str
    title: str
    location: Location
    description: str
    impact: str = ""
    recommendation: str = ""
    report: str = "code-review"
    priority: str = ""
    effort_hours: float = 1.0
    related_locations: list[Location] = field(default_factory=list)
    evidence: str = ""
    fix: dict[str, str] | None = None
    fingerprint: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITY_RANK:
            raise ValueError(f"unknown severity {self.severity!r}")
        if not self.priority:
            self.priority = PRIORITY_OF[self.severity]

    def sort_key(self) -> tuple:
        loc = self.location
        return (SEVERITY_RANK[self.severity], loc.path, loc.start_line, self.rule, self.title)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "category": self.category,
            "report": self.report,
            "severity": self.severity,
            "priority": self.priority,
            "title": self.title,
            "location": self.location.to_dict(),
            "related_locations": [loc.to_dict() for loc in self.related_locations],
            "description": self.description,
            "impact": self.impact,
            "recommendation": self.recommendation,
            "effort_hours": round(float(self.effort_hours), 1),
            "evidence": self.evidence,
        }
        if self.fix:
            data["fix"] = self.fix
        if self.extra:
            data["details"] = self.extra
        return data


_WS = re.compile(r"\s+")


def fingerprint(rule: str, path: str, evidence: str, occurrence: int) -> str:
    """Stable across edits elsewhere in the file: rule, path and normalised code, not line numbers."""
    normalised = _WS.sub(" ", evidence).strip()
    raw = f"{rule}\0{path}\0{normalised}\0{occurrence}"
    return hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]
