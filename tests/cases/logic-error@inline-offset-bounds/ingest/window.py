"""Event-time filters against a clock reading moved forward and back inline."""
from __future__ import annotations

from datetime import datetime, timedelta

FUTURE_TOLERANCE = timedelta(minutes=2)
RETENTION = timedelta(hours=48)
GRACE_SECONDS = 30


def rejected(events: list, now: datetime) -> list:
    return [e for e in events if e.at > now + FUTURE_TOLERANCE and e.at < now - RETENTION]  # expect: logic-error


def stale(stamps: list[float], now: float) -> list[float]:
    return [t for t in stamps if t < now - GRACE_SECONDS and t > now]  # expect: logic-error


def rejected_correctly(events: list, now: datetime) -> list:
    # either end of the window: correct
    return [e for e in events if e.at > now + FUTURE_TOLERANCE or e.at < now - RETENTION]


def accepted(events: list, now: datetime) -> list:
    # inside the window: correct
    return [e for e in events if e.at < now + FUTURE_TOLERANCE and e.at > now - RETENTION]


def shifted_both_ways(events: list, now: datetime, ahead: timedelta, back: timedelta) -> list:
    # amounts of unknown sign: not reported
    return [e for e in events if e.at > now + ahead and e.at < now - back]
