"""Pure dispatch rules: filter and rank the waiting lots."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(slots=True)
class Candidate:
    lot_id: int
    priority: int
    due_at: datetime


def exclude_reserved(candidates: list[Candidate], reserved: set[int]) -> list[Candidate]:
    return [c for c in candidates if c.lot_id not in reserved]


def rank(candidates: list[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=lambda c: (c.priority, c.due_at))
