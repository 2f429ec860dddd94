from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

REMIND_BEFORE_HOURS = 24
DAYS_BEFORE_PURGE = 30
NOTIFY_BEFORE = timedelta(minutes=15)


@dataclass
class Reminder:
    kind: str
    due_at: datetime


@dataclass
class Event:
    starts_at: datetime
    expires_at: datetime


def submission_deadline(period_end: date) -> datetime:
    return datetime.combine(period_end + timedelta(days=1), time(hour=17), tzinfo=timezone.utc)


def plan(kind: str, period_end: date) -> Reminder:
    deadline = submission_deadline(period_end)
    remind_at = deadline + timedelta(hours=REMIND_BEFORE_HOURS)  # expect: logic-error
    return Reminder(kind=kind, due_at=remind_at)


def plan_right(kind: str, period_end: date) -> Reminder:
    deadline = submission_deadline(period_end)
    return Reminder(kind=kind, due_at=deadline - timedelta(hours=REMIND_BEFORE_HOURS))


def deadline_of(reminder: Reminder) -> datetime:
    deadline = reminder.due_at + timedelta(hours=REMIND_BEFORE_HOURS)
    return deadline


def purge_at(event: Event) -> datetime:
    return event.expires_at + timedelta(days=DAYS_BEFORE_PURGE)


def notify_time(event: Event) -> datetime:
    return event.starts_at + NOTIFY_BEFORE  # expect: logic-error


def renew_window() -> datetime:
    horizon = datetime.now(timezone.utc) + timedelta(days=REMIND_BEFORE_HOURS)
    return horizon
