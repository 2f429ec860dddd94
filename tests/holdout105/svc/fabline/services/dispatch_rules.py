"""Dispatching heuristics. Pure functions over in-memory lot snapshots."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime


@dataclass(slots=True)
class Candidate:
    lot_id: int
    priority: int
    due_at: datetime
    remaining_minutes: int
    recipe_name: str | None
    wafer_count: int


def critical_ratio(c: Candidate, now: datetime) -> float:
    slack_minutes = (c.due_at - now).total_seconds() / 60
    return slack_minutes / max(c.remaining_minutes, 1)


def rank(candidates: list[Candidate], now: datetime) -> list[Candidate]:
    """Hot lots (priority 1) first, then lowest critical ratio first."""
    return sorted(candidates, key=lambda c: (c.priority, critical_ratio(c, now)))


def exclude_reserved(candidates: list[Candidate], reserved: list[int]) -> list[Candidate]:
    return [c for c in candidates if c.lot_id not in reserved]


def setup_cost(sequence: tuple[Candidate, ...], current_recipe: str | None) -> int:
    cost = 0
    prev = current_recipe
    for c in sequence:
        if c.recipe_name != prev:
            cost += 1
        prev = c.recipe_name
    return cost


def optimize_sequence(candidates: list[Candidate], current_recipe: str | None, horizon: int = 8) -> list[Candidate]:
    """Brute-force the order of the first `horizon` lots minimising recipe changeovers."""
    head, tail = candidates[:horizon], candidates[horizon:]
    best = min(
        itertools.permutations(head),
        key=lambda seq: (setup_cost(seq, current_recipe), [c.priority for c in seq]),
        default=(),
    )
    return list(best) + tail


def batch_by_recipe(candidates: list[Candidate], max_wafers: int) -> dict[str, list[Candidate]]:
    batches: dict[str, list[Candidate]] = {}
    for c in candidates:
        key = c.recipe_name or "-"
        group = batches.setdefault(key, [])
        if sum(x.wafer_count for x in group) + c.wafer_count <= max_wafers:
            group.append(c)
    return batches
