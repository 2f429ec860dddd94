from __future__ import annotations

import copy
import logging
import math
import statistics
from functools import lru_cache

import redis.asyncio as aioredis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

DEFAULT_THRESHOLDS = {"min_reads": 5_000_000, "max_cv": 0.35, "min_q30_pct": 75.0, "max_undetermined_pct": 8.0}
THRESHOLDS_KEY = "seqcore:qc:thresholds"

_active_thresholds: dict[str, float] = dict(DEFAULT_THRESHOLDS)


def current_thresholds() -> dict[str, float]:
    return dict(_active_thresholds)


def set_thresholds(overrides: dict[str, float]) -> dict[str, float]:
    global _active_thresholds
    merged = {**_active_thresholds, **{k: float(v) for k, v in overrides.items() if k in DEFAULT_THRESHOLDS}}
    _active_thresholds = merged
    return merged


async def load_thresholds(redis: aioredis.Redis) -> dict[str, float]:
    try:
        stored = await redis.hgetall(THRESHOLDS_KEY)
    except RedisError:
        logger.warning("qc thresholds unavailable from redis, using defaults", exc_info=True)
        return dict(DEFAULT_THRESHOLDS)
    return {**DEFAULT_THRESHOLDS, **{k: float(v) for k, v in stored.items()}}


@lru_cache(maxsize=None)
def _lane_histogram(run_id: str, lane: int, counts: tuple[int, ...], bins: int = 50) -> list[int]:
    if not counts:
        return [0] * bins
    top = max(counts) or 1
    hist = [0] * bins
    for c in counts:
        hist[min(bins - 1, int(c / top * bins))] += 1
    return hist


def _percentile(sorted_values: list[int], pct: float) -> float:
    if not sorted_values:
        return 0.0
    k = (len(sorted_values) - 1) * pct
    lo, hi = math.floor(k), math.ceil(k)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def _gini(sorted_values: list[int]) -> float:
    n = len(sorted_values)
    total = sum(sorted_values)
    if n == 0 or total == 0:
        return 0.0
    weighted = sum((i + 1) * v for i, v in enumerate(sorted_values))
    return (2 * weighted) / (n * total) - (n + 1) / n


def summarize_lanes(run_id: str, lanes: dict[int, dict[str, list[int]]], thresholds: dict[str, float]) -> dict:
    """lanes: lane -> sample -> per-tile read counts (NovaSeq S4: 4 lanes x 624 tiles)."""
    data = copy.deepcopy(lanes)
    report: dict = {"run_id": run_id, "lanes": {}, "low_samples": []}
    for lane, per_sample in sorted(data.items()):
        totals = sorted(sum(tiles) for tiles in per_sample.values())
        total_reads = sum(totals)
        mean = statistics.fmean(totals) if totals else 0.0
        cv = statistics.pstdev(totals) / mean if mean else 0.0
        tile_counts = tuple(c for tiles in per_sample.values() for c in tiles)
        report["lanes"][lane] = {
            "samples": len(totals),
            "reads": total_reads,
            "cv": round(cv, 4),
            "gini": round(_gini(totals), 4),
            "p05": _percentile(totals, 0.05),
            "p50": _percentile(totals, 0.50),
            "p95": _percentile(totals, 0.95),
            "tile_histogram": _lane_histogram(run_id, lane, tile_counts),
            "pass": cv <= thresholds["max_cv"],
        }
        for sample_name, tiles in per_sample.items():
            reads = sum(tiles)
            if total_reads < thresholds["min_reads"]:
                report["low_samples"].append({"lane": lane, "sample": sample_name, "reads": reads})
    return report
