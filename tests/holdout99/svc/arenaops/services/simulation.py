from __future__ import annotations

import random
from collections import Counter
from typing import Any


def _win_prob(rating_a: int, rating_b: int) -> float:
    return 1.0 / (1.0 + 10 ** ((rating_b - rating_a) / 400))


def _play_out(slots: list[tuple[int, int]], rng: random.Random) -> int:
    field = list(slots)
    while len(field) > 1:
        nxt = []
        for i in range(0, len(field), 2):
            a, b = field[i], field[i + 1]
            nxt.append(a if rng.random() < _win_prob(a[1], b[1]) else b)
        field = nxt
    return field[0][0]


def projected_odds(layout: dict[str, Any], runs: int = 200_000, seed: int | None = None) -> dict[int, float]:
    """Monte Carlo title odds for a single-elimination layout of (team_id, rating) slots."""
    rng = random.Random(seed)
    slots = [(s["team_id"], s["rating"]) for s in layout["slots"]]
    wins: Counter[int] = Counter()
    for _ in range(runs):
        wins[_play_out(slots, rng)] += 1
    return {team_id: count / runs for team_id, count in wins.items()}
