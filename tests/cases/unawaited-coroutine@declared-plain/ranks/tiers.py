"""Rank tiers: plain functions with declared return types."""
from typing import Awaitable, Optional

THRESHOLDS: tuple[tuple[int, str], ...] = ((10, "champion"), (100, "diamond"), (1_000, "gold"))


def tier_for_rank(rank: int) -> str | None:
    for threshold, tier in THRESHOLDS:
        if rank <= threshold:
            return tier
    return None


def points_for(tier: str) -> Optional[int]:
    for threshold, name in THRESHOLDS:
        if name == tier:
            return threshold
    return None


def deferred_points(tier: str, loader) -> Awaitable[int]:
    return loader.points(tier)
