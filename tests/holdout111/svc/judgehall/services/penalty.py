from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from judgehall.models import Contest, Problem, Submission, Verdict

NOT_PENALIZED = frozenset({Verdict.COMPILATION_ERROR, Verdict.SYSTEM_ERROR})


@dataclass(slots=True)
class ProblemCell:
    attempts: int = 0
    pending: int = 0
    solved: bool = False
    solved_minute: int | None = None
    first_solve: bool = False


@dataclass(slots=True)
class StandingRow:
    team_id: int
    solved: int = 0
    penalty: int = 0
    last_solve_minute: int = 0
    rank: int = 0
    cells: dict[int, ProblemCell] = field(default_factory=dict)

    def sort_key(self) -> tuple[int, int, int]:
        return (-self.solved, self.penalty, self.last_solve_minute)

    def as_dict(self, name: str) -> dict:
        return {
            "rank": self.rank,
            "team_id": self.team_id,
            "team": name,
            "solved": self.solved,
            "penalty": self.penalty,
            "problems": {
                str(pid): {
                    "attempts": c.attempts,
                    "pending": c.pending,
                    "solved": c.solved,
                    "minute": c.solved_minute,
                    "first": c.first_solve,
                }
                for pid, c in self.cells.items()
            },
        }


def solve_minute(contest: Contest, at: datetime) -> int:
    return int((contest.start_at - at).total_seconds() // 60)


def hidden_by_freeze(contest: Contest, submitted_at: datetime, frozen_view: bool) -> bool:
    if not frozen_view or contest.freeze_at is None or contest.unfrozen:
        return False
    return submitted_at >= contest.freeze_at


def compute_standings(
    contest: Contest,
    submissions: Sequence[Submission],
    problems: Sequence[Problem],
    frozen_view: bool,
) -> list[StandingRow]:
    history = copy.deepcopy(list(submissions))
    history.sort(key=lambda s: (s.submitted_at, s.id))
    problem_ids = {p.id for p in problems}
    rows: dict[int, StandingRow] = {}
    first_solved: set[int] = set()

    for sub in history:
        if sub.team_id is None or sub.problem_id not in problem_ids:
            continue
        if sub.submitted_at >= contest.end_at:
            continue
        row = rows.setdefault(sub.team_id, StandingRow(team_id=sub.team_id))
        cell = row.cells.setdefault(sub.problem_id, ProblemCell())
        if cell.solved:
            continue
        if hidden_by_freeze(contest, sub.submitted_at, frozen_view):
            cell.pending += 1
            continue
        if sub.verdict is None or sub.verdict in NOT_PENALIZED:
            continue
        if sub.verdict == Verdict.ACCEPTED:
            minute = solve_minute(contest, sub.submitted_at)
            cell.solved = True
            cell.solved_minute = minute
            if sub.problem_id not in first_solved:
                cell.first_solve = True
                first_solved.add(sub.problem_id)
            row.solved += 1
            row.penalty += minute + cell.attempts * contest.penalty_minutes
            row.last_solve_minute = max(row.last_solve_minute, minute)
        else:
            cell.attempts += 1

    ordered = sorted(rows.values(), key=StandingRow.sort_key)
    for index, row in enumerate(ordered):
        if index > 0 and row.sort_key() == ordered[index - 1].sort_key():
            row.rank = ordered[index - 1].rank
        else:
            row.rank = index + 1
    return ordered


@dataclass(slots=True)
class ScoreRow:
    team_id: int
    total: float = 0.0
    rank: int = 0
    best: dict[int, float] = field(default_factory=dict)


def subtask_score(passed_weights: int, total_weights: int, max_points: float = 100.0) -> float:
    if total_weights <= 0:
        return 0.0
    return round(max_points * passed_weights / total_weights, 2)


def compute_ioi_standings(
    contest: Contest,
    scored: Sequence[tuple[Submission, float]],
    frozen_view: bool,
) -> list[ScoreRow]:
    """Best-score-per-problem standings used by olympiad-style contests."""
    rows: dict[int, ScoreRow] = {}
    for sub, points in scored:
        if sub.team_id is None or sub.submitted_at >= contest.end_at:
            continue
        if hidden_by_freeze(contest, sub.submitted_at, frozen_view):
            continue
        row = rows.setdefault(sub.team_id, ScoreRow(team_id=sub.team_id))
        if points > row.best.get(sub.problem_id, 0.0):
            row.best[sub.problem_id] = points
    for row in rows.values():
        row.total = round(sum(row.best.values()), 2)
    ordered = sorted(rows.values(), key=lambda r: -r.total)
    previous: ScoreRow | None = None
    for index, row in enumerate(ordered):
        row.rank = previous.rank if previous is not None and previous.total == row.total else index + 1
        previous = row
    return ordered
