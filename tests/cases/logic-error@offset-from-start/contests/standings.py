from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class Contest:
    start_at: datetime
    end_at: datetime


@dataclass
class Run:
    started_at: datetime
    finished_at: datetime
    duration_s: float = 0.0


def solve_minute(contest: Contest, at: datetime) -> int:
    return int((contest.start_at - at).total_seconds() // 60)  # expect: logic-error


def solve_minute_right(contest: Contest, at: datetime) -> int:
    return int((at - contest.start_at).total_seconds() // 60)


def minutes_until_start(contest: Contest, now: datetime) -> int:
    return int((contest.start_at - now).total_seconds() // 60)


def record(run: Run) -> None:
    run.duration_s = (run.started_at - run.finished_at).total_seconds()  # expect: logic-error


def lead_days(contest: Contest, registered_at: datetime) -> int:
    notice = (contest.start_at - registered_at).days
    return notice
