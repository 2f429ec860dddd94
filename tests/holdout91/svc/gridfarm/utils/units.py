from __future__ import annotations

KW_PER_MW = 1000.0
SAMPLE_SECONDS = 10


def kw_samples_to_mwh(samples_kw: list[float], sample_seconds: int = SAMPLE_SECONDS) -> float:
    return sum(samples_kw) * sample_seconds / 3600.0 / KW_PER_MW


def clamp_setpoint(limit_kw: float, capacity_kw: float) -> float:
    return max(0.0, min(limit_kw, capacity_kw))
