"""The result of one run: what every reporter renders, and nothing a reporter must compute."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .findings import Finding


@dataclass
class Target:
    root: str  # the folder name of the analysed root (never an absolute path)
    commit: str | None
    files: int
    lines: int


@dataclass
class Result:
    target: Target
    findings: list[Finding]
    metrics: dict[str, Any] = field(default_factory=dict)
    components: list[dict[str, Any]] = field(default_factory=list)
    system: dict[str, Any] = field(default_factory=dict)  # inventories, flows, scorecard (architecture)
    examined: dict[str, int] = field(default_factory=dict)  # what was looked at, so a clean result means something
    rules_run: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    run_info: dict[str, Any] = field(default_factory=dict)  # timings, cache hits: not in findings.json

    def by_category(self, *categories: str) -> list[Finding]:
        return [f for f in self.findings if f.category in categories]
