from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Sequence


@dataclass
class Attempt:
    id: int
    team_id: int
    at: float
    accepted: bool


@dataclass
class Row:
    team_id: int
    solved: int = 0
    penalty: float = 0.0
    seen: list[int] = field(default_factory=list)


def standings(attempts: Sequence[Attempt]) -> list[Row]:
    history = copy.deepcopy(list(attempts))  # expect: unnecessary-copy
    history.sort(key=lambda a: (a.at, a.id))
    rows: dict[int, Row] = {}
    for attempt in history:
        row = rows.setdefault(attempt.team_id, Row(attempt.team_id))
        row.seen.append(attempt.id)
        if attempt.accepted:
            row.solved += 1
            row.penalty += attempt.at
    return sorted(rows.values(), key=lambda r: (-r.solved, r.penalty))


def normalised(attempts: Sequence[Attempt]) -> list[Attempt]:
    history = copy.deepcopy(list(attempts))
    history.sort(key=lambda a: a.at)
    for attempt in history:
        attempt.at = round(attempt.at, 1)  # changes the items: the caller's must stay as they were
    return history


def ranked(attempts: Sequence[Attempt]) -> list[Attempt]:
    ordered = copy.deepcopy(list(attempts))
    ordered.sort(key=lambda a: a.at)
    return ordered  # handed on: the caller may change the items
