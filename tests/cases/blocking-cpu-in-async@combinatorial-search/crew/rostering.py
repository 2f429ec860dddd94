"""Picking crews for shifts: the cheapest team that covers every skill."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations, permutations

MAX_TEAM = 5
PAIR = 2


@dataclass(frozen=True)
class Worker:
    id: int
    skills: frozenset[str]
    rate: int


def cheapest_team(workers: list[Worker], needed: set[str]) -> tuple[Worker, ...] | None:
    best = None
    for size in range(1, MAX_TEAM + 1):
        for team in combinations(workers, size):
            covered = set().union(*(w.skills for w in team))
            if needed <= covered and (best is None or sum(w.rate for w in team) < sum(w.rate for w in best)):
                best = team
    return best


def shortest_route(stops: list[tuple[float, float]]) -> list[tuple[float, float]]:
    def length(order):
        return sum(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in zip(order, order[1:]))
    return list(min(permutations(stops), key=length))


def best_pair(workers: list[Worker]) -> tuple[Worker, Worker] | None:
    pairs = list(combinations(workers, PAIR))
    return min(pairs, key=lambda p: p[0].rate + p[1].rate) if pairs else None


def shift_orders() -> list[tuple[str, ...]]:
    return list(permutations(("early", "late", "night")))
