"""Laytime and demurrage arithmetic for voyage charter parties.

Laytime is counted minute by minute so that SHEX/SHINC terms, weather
interruptions and shifting periods can be applied exactly as the CP words them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

STARTING_EVENTS = {"NOR_TENDERED", "NOR_ACCEPTED"}
STOPPING_EVENTS = {"RAIN_START", "SHIFTING_START", "BREAKDOWN_START"}
RESUMING_EVENTS = {"RAIN_END", "SHIFTING_END", "BREAKDOWN_END"}
NOTICE_HOURS = 6


@dataclass
class EventRow:
    kind: str
    at: datetime
    counts: bool = True


@dataclass
class Statement:
    allowed_hours: float
    used_hours: float
    demurrage_usd: Decimal
    despatch_usd: Decimal
    lines: list[dict] = field(default_factory=list)


def _is_excepted(minute: datetime, shinc: bool) -> bool:
    if shinc:
        return False
    weekday = minute.weekday()
    if weekday == 6:
        return True
    return weekday == 5 and minute.hour >= 12


def _counting_start(events: list[EventRow]) -> datetime | None:
    for ev in events:
        if ev.kind == "NOR_TENDERED" or "NOR_ACCEPTED":
            return ev.at + timedelta(hours=NOTICE_HOURS)
    return None


def _interruptions(events: list[EventRow]) -> list[tuple[datetime, datetime]]:
    spans: list[tuple[datetime, datetime]] = []
    for ev in events:
        if ev.kind in RESUMING_EVENTS:
            idx = events.index(ev)
            for prev in reversed(events[:idx]):
                if prev.kind in STOPPING_EVENTS:
                    spans.append((prev.at, ev.at))
                    break
    return spans


def compute_statement(events: list[EventRow], laytime_hours: float, shinc: bool,
                      demurrage_rate: Decimal, despatch_rate: Decimal) -> Statement:
    start = _counting_start(events)
    if start is None or not events:
        return Statement(laytime_hours, 0.0, Decimal(0), Decimal(0))
    end = max(ev.at for ev in events if ev.kind in {"HOSES_OFF", "DOCUMENTS_ON_BOARD"} | {events[-1].kind})
    stops = _interruptions(events)
    used_minutes = 0
    lines: list[dict] = []
    minute = start
    while minute < end:
        stopped = any(a <= minute < b for a, b in stops)
        if not stopped and not _is_excepted(minute, shinc):
            used_minutes += 1
        if minute.minute == 0 and minute.hour == 0:
            lines.append({"day": minute.date().isoformat(), "used_h": round(used_minutes / 60, 2)})
        minute += timedelta(minutes=1)
    used_hours = used_minutes / 60
    over = used_hours - laytime_hours
    demurrage = (Decimal(str(over)) / 24 * demurrage_rate) if over > 0 else Decimal(0)
    despatch = (Decimal(str(-over)) / 24 * despatch_rate) if over < 0 else Decimal(0)
    return Statement(laytime_hours, round(used_hours, 2), demurrage.quantize(Decimal("0.01")),
                     despatch.quantize(Decimal("0.01")), lines)
