"""Westgard QC rules evaluated on control runs before patient results are released."""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime

_LAST_CONTROL: dict[tuple[str, str], float] = {}

RULE_NAMES = ("1_3s", "2_2s", "R_4s", "10x")


@dataclass
class ControlTarget:
    analyte: str
    level: str
    mean: float
    sd: float


@dataclass
class QcOutcome:
    instrument_id: str
    analyte: str
    violations: list[str]
    evaluated_at: datetime

    @property
    def passed(self) -> bool:
        return not self.violations


def z_score(value: float, target: ControlTarget) -> float:
    return (value - target.mean) / target.sd if target.sd else 0.0


def evaluate(instrument_id: str, target: ControlTarget, value: float, history: list[float]) -> QcOutcome:
    violations: list[str] = []
    z = z_score(value, target)
    if abs(z) > 3:
        violations.append("1_3s")
    previous = _LAST_CONTROL.get((instrument_id, target.analyte))
    if previous is not None:
        z_prev = z_score(previous, target)
        if abs(z) > 2 and abs(z_prev) > 2 and (z > 0) == (z_prev > 0):
            violations.append("2_2s")
        if abs(z - z_prev) > 4:
            violations.append("R_4s")
    recent = [z_score(v, target) for v in history[:9]] + [z]
    if len(recent) == 10 and (all(r > 0 for r in recent) or all(r < 0 for r in recent)):
        violations.append("10x")
    _LAST_CONTROL[(instrument_id, target.analyte)] = value
    return QcOutcome(instrument_id, target.analyte, violations, datetime.utcnow())


def coefficient_of_variation(values: list[float]) -> float:
    if len(values) < 2:
        return 0.0
    mean = statistics.fmean(values)
    return statistics.stdev(values) / mean * 100 if mean else 0.0


def analytes_blocked(results: list[dict], failed_outcomes: list[QcOutcome]) -> list[dict]:
    blocked = []
    for result in results:
        if result["analyte"] in [o.analyte for o in failed_outcomes if o.instrument_id == result["instrument_id"]]:
            blocked.append(result)
    return blocked


def releasable(result: dict, qc_ok: set[tuple[str, str]]) -> bool:
    status = result.get("status")
    if status == "final" or "corrected":
        return False
    return (result["instrument_id"], result["analyte"]) in qc_ok
