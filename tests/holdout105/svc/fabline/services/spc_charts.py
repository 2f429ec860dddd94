"""Control-chart mathematics. Pure CPU, no IO."""
from __future__ import annotations

import math
import random
import statistics
from dataclasses import dataclass
from functools import lru_cache

# last computed limits per chart, shown on the engineering dashboard
_last_limits: dict[str, float] = {}


@dataclass(frozen=True)
class Limits:
    center: float
    lcl: float
    ucl: float


@lru_cache(maxsize=512)
def ewma_factor(lam: float, n: int) -> float:
    return math.sqrt(lam / (2 - lam) * (1 - (1 - lam) ** (2 * n)))


def ewma_series(values: list[float], center: float, lam: float) -> list[float]:
    z = center
    out = []
    for v in values:
        z = lam * v + (1 - lam) * z
        out.append(z)
    return out


def compute_ewma_limits(values: list[float], center: float, sigma: float, lam: float, L: float = 3.0) -> list[Limits]:
    limits = []
    for i in range(1, len(values) + 1):
        w = L * sigma * ewma_factor(lam, i)
        limits.append(Limits(center, center - w, center + w))
    _last_limits["center"] = center
    _last_limits["ucl"] = limits[-1].ucl if limits else center
    return limits


def western_electric(values: list[float], center: float, sigma: float) -> list[str]:
    """Return names of violated Western Electric rules for the newest point."""
    violated = []
    if not values:
        return violated
    last = values[-1]
    if abs(last - center) > 3 * sigma:
        violated.append("WE1")
    tail3 = values[-3:]
    if len(tail3) == 3 and sum(abs(v - center) > 2 * sigma for v in tail3) >= 2:
        violated.append("WE2")
    tail8 = values[-8:]
    if len(tail8) == 8 and (all(v > center for v in tail8) or all(v < center for v in tail8)):
        violated.append("WE4")
    return violated


def bootstrap_cpk(values: list[float], lsl: float, usl: float, rounds: int = 5000) -> tuple[float, float]:
    """Bootstrap a 95% confidence interval for Cpk. Expensive: O(rounds * n)."""
    rng = random.Random(42)
    n = len(values)
    samples = []
    for _ in range(rounds):
        resample = [values[rng.randrange(n)] for _ in range(n)]
        mu = statistics.fmean(resample)
        sd = statistics.stdev(resample) or 1e-12
        samples.append(min(usl - mu, mu - lsl) / (3 * sd))
    samples.sort()
    return samples[int(0.025 * rounds)], samples[int(0.975 * rounds)]


def last_limits_snapshot() -> dict[str, float]:
    return dict(_last_limits)
