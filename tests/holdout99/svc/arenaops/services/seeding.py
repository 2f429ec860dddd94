from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entrant:
    team_id: int
    rating: int
    points: int = 0


def snake_order(size: int) -> list[int]:
    """Standard bracket seed order: 1 v N, with top seeds meeting as late as possible."""
    order = [1]
    while len(order) < size:
        n = len(order) * 2 + 1
        order = [x for seed in order for x in (seed, n - seed)]
    return order


def seed_entrants(entrants: list[Entrant]) -> list[Entrant | None]:
    ranked = sorted(entrants, key=lambda e: (-e.rating, e.team_id))
    size = 1
    while size < len(ranked):
        size *= 2
    by_seed = {i + 1: e for i, e in enumerate(ranked)}
    return [by_seed.get(seed) for seed in snake_order(size)]


def swiss_pairings(entrants: list[Entrant], played: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pair entrants with equal points, avoiding rematches; greedy from the top of the table."""
    table = sorted(entrants, key=lambda e: (-e.points, -e.rating))
    paired: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for i, a in enumerate(table):
        if a.team_id in paired:
            continue
        for b in table[i + 1:]:
            if b.team_id in paired:
                continue
            if (a.team_id, b.team_id) in played or (b.team_id, a.team_id) in played:
                continue
            pairs.append((a.team_id, b.team_id))
            paired.update((a.team_id, b.team_id))
            break
    return pairs


def has_rematch(pairs: list[tuple[int, int]], history: set[frozenset[int]]) -> bool:
    return any(frozenset(p) in history for p in pairs)
