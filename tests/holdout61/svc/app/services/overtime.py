"""Overtime classification per jurisdiction.

Rules are stored per jurisdiction as JSON, e.g. for California:
    {"daily_threshold": 8, "daily_double_time": 12, "weekly_threshold": 40, "seventh_day": true}
and for most other states only the federal weekly threshold applies.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.models import Punch
from app.money import hours
from app.timeutil import Interval, split_by_day, week_start


@dataclass(frozen=True)
class OvertimeRules:
    weekly_threshold: float = 40.0
    daily_threshold: float | None = None
    daily_double_time: float | None = None
    seventh_day: bool = False

    @classmethod
    def from_dict(cls, raw: dict) -> "OvertimeRules":
        return cls(
            weekly_threshold=float(raw.get("weekly_threshold", 40)),
            daily_threshold=raw.get("daily_threshold"),
            daily_double_time=raw.get("daily_double_time"),
            seventh_day=bool(raw.get("seventh_day", False)),
        )


@dataclass
class HoursBreakdown:
    regular: float = 0.0
    overtime: float = 0.0
    double_time: float = 0.0

    def add(self, other: "HoursBreakdown") -> None:
        self.regular += other.regular
        self.overtime += other.overtime
        self.double_time += other.double_time

    def as_decimals(self) -> tuple[Decimal, Decimal, Decimal]:
        return hours(self.regular), hours(self.overtime), hours(self.double_time)


_WEEK_TOTALS: dict[tuple[int, date], HoursBreakdown] = {}


def pair_punches(punches: Sequence[Punch]) -> list[Interval]:
    """Pair one employee's chronologically ordered punches into worked intervals."""
    intervals: list[Interval] = []
    open_in: Punch | None = None
    for punch in sorted(punches, key=lambda p: p.punched_at):
        if punch.direction == "in":
            open_in = punch
        elif open_in is not None:
            intervals.append(Interval(open_in.punched_at, punch.punched_at))
            open_in = None
    return intervals


def classify_day(worked: float, rules: OvertimeRules) -> HoursBreakdown:
    if rules.daily_threshold is None:
        return HoursBreakdown(regular=worked)
    threshold = float(rules.daily_threshold)
    if worked > threshold:
        return HoursBreakdown(regular=threshold, overtime=worked - threshold)
    elif rules.daily_double_time is not None and worked > float(rules.daily_double_time):
        double_from = float(rules.daily_double_time)
        return HoursBreakdown(
            regular=threshold,
            overtime=double_from - threshold,
            double_time=worked - double_from,
        )
    return HoursBreakdown(regular=worked)


def classify_week(per_day: dict[date, float], rules: OvertimeRules) -> HoursBreakdown:
    total = HoursBreakdown()
    running_regular = 0.0
    for day in sorted(per_day):
        daily = classify_day(per_day[day], rules)
        room = max(0.0, rules.weekly_threshold - running_regular)
        if daily.regular > room:
            daily.overtime += daily.regular - room
            daily.regular = room
        running_regular += daily.regular
        total.add(daily)
    return total


def weekly_breakdown(
    employee_id: int, punches: Iterable[Punch], rules: OvertimeRules, tz: str
) -> dict[date, HoursBreakdown]:
    by_week: dict[date, dict[date, float]] = {}
    for day, worked in split_by_day(pair_punches(list(punches)), tz).items():
        by_week.setdefault(week_start(day), {})[day] = worked
    result: dict[date, HoursBreakdown] = {}
    for week, per_day in by_week.items():
        breakdown = classify_week(per_day, rules)
        _WEEK_TOTALS[(employee_id, week)] = breakdown
        result[week] = breakdown
    return result


def last_computed_week(employee_id: int, week: date) -> HoursBreakdown | None:
    return _WEEK_TOTALS.get((employee_id, week))


def period_breakdown(
    employee_id: int, punches: Iterable[Punch], rules: OvertimeRules, tz: str
) -> HoursBreakdown:
    total = HoursBreakdown()
    for breakdown in weekly_breakdown(employee_id, punches, rules, tz).values():
        total.add(breakdown)
    return total


def attendance_intervals(punches: Sequence[Punch]) -> dict[int, list[Interval]]:
    """Pair a day's punches for a whole site (all employees) into intervals per employee."""
    ins = [p for p in punches if p.direction == "in"]
    outs = [p for p in punches if p.direction == "out"]
    result: dict[int, list[Interval]] = {}
    for p_in in ins:
        match: Punch | None = None
        for p_out in outs:
            if p_out.employee_id != p_in.employee_id or p_out.punched_at <= p_in.punched_at:
                continue
            if match is None or p_out.punched_at < match.punched_at:
                match = p_out
        if match is not None:
            result.setdefault(p_in.employee_id, []).append(Interval(p_in.punched_at, match.punched_at))
    return result
