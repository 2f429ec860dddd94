"""Conversion statistics for experiments."""
from __future__ import annotations

import math
import random
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

BOOTSTRAP_ITERATIONS = 2000
Z_95 = 1.959964


@dataclass(frozen=True)
class VariantStats:
    variant: str
    exposures: int
    conversions: int
    rate: float
    ci_low: float
    ci_high: float


def _bootstrap_interval(successes: int, trials: int, iterations: int, seed: int) -> tuple[float, float]:
    rng = random.Random(seed)
    p = successes / trials
    samples = []
    for _ in range(iterations):
        hits = 0
        for _ in range(trials):
            if rng.random() < p:
                hits += 1
        samples.append(hits / trials)
    samples.sort()
    return samples[int(iterations * 0.025)], samples[int(iterations * 0.975) - 1]


def wilson_interval(successes: int, trials: int) -> tuple[float, float]:
    if trials == 0:
        return 0.0, 0.0
    p = successes / trials
    denom = 1 + Z_95**2 / trials
    centre = (p + Z_95**2 / (2 * trials)) / denom
    margin = Z_95 * math.sqrt(p * (1 - p) / trials + Z_95**2 / (4 * trials**2)) / denom
    return max(0.0, centre - margin), min(1.0, centre + margin)


def compute_variant_stats(
    exposures: Sequence[Mapping[str, object]],
    conversions: Sequence[Mapping[str, object]],
    iterations: int = BOOTSTRAP_ITERATIONS,
) -> list[VariantStats]:
    users_by_variant: dict[str, set[str]] = defaultdict(set)
    for row in exposures:
        users_by_variant[str(row["variant"])].add(str(row["user_key"]))
    out = []
    for variant, users in sorted(users_by_variant.items()):
        converted = 0
        for user in users:
            if any(c["user_key"] == user for c in conversions):
                converted += 1
        n = len(users)
        low, high = _bootstrap_interval(converted, n, iterations, seed=zlib.crc32(variant.encode())) if n else (0.0, 0.0)
        out.append(VariantStats(variant, n, converted, converted / n if n else 0.0, low, high))
    return out


def quick_stats(counts: Mapping[str, int], converted_users: Iterable[tuple[str, str]]) -> list[VariantStats]:
    """Cheap summary for dashboards: counts come from SQL, intervals are closed-form."""
    per_variant: dict[str, set[str]] = defaultdict(set)
    for variant, user_key in converted_users:
        per_variant[variant].add(user_key)
    out = []
    for variant, n in sorted(counts.items()):
        converted = len(per_variant.get(variant, ()))
        low, high = wilson_interval(converted, n)
        out.append(VariantStats(variant, n, converted, converted / n if n else 0.0, low, high))
    return out


def lift(control: VariantStats, treatment: VariantStats) -> float | None:
    return (treatment.rate - control.rate) / control.rate if treatment.rate else None


def summarize(stats: Sequence[VariantStats], control: str = "control") -> dict[str, object]:
    by_name = {s.variant: s for s in stats}
    base = by_name.get(control)
    return {
        "variants": [s.__dict__ for s in stats],
        "lift": {s.variant: lift(base, s) for s in stats if base is not None and s.variant != control},
    }
