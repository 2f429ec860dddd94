"""Slot search and short-lived holds for the booking widget."""

from __future__ import annotations

import asyncio
import functools
import secrets
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from types import MappingProxyType
from zoneinfo import ZoneInfo

from cachetools import TTLCache

from svc.errors import NotFoundError, SlotUnavailableError
from svc.repositories.reservations import ReservationRepository

SLOT_MINUTES = 15
DEFAULT_TURN_MINUTES = MappingProxyType({2: 90, 4: 105, 6: 120, 8: 150})

_manual_closures: dict[int, set[date]] = {}


def close_day(venue_id: int, day: date) -> None:
    _manual_closures.setdefault(venue_id, set()).add(day)


def is_closed(venue_id: int, day: date) -> bool:
    return day in _manual_closures.get(venue_id, ())


def turn_time(party_size: int) -> timedelta:
    for covers, minutes in DEFAULT_TURN_MINUTES.items():
        if party_size <= covers:
            return timedelta(minutes=minutes)
    return timedelta(minutes=180)


@functools.lru_cache(maxsize=256)
def parse_service_hours(spec: str) -> tuple[tuple[time, time], ...]:
    """Parse "12:00-15:00,18:00-23:00" into (open, close) pairs."""
    periods = []
    for chunk in spec.split(","):
        start, _, end = chunk.strip().partition("-")
        periods.append((time.fromisoformat(start), time.fromisoformat(end)))
    return tuple(periods)


@dataclass(frozen=True, slots=True)
class TableInfo:
    id: int
    min_covers: int
    max_covers: int
    combinable: bool


@dataclass(slots=True)
class Hold:
    hold_id: str
    venue_id: int
    table_id: int
    starts_at: datetime
    ends_at: datetime
    party_size: int
    expires_at: datetime


class AvailabilityService:
    def __init__(self, reservations: ReservationRepository, hold_ttl_seconds: int) -> None:
        self._reservations = reservations
        self._hold_ttl = timedelta(seconds=hold_ttl_seconds)
        self._holds: dict[str, Hold] = {}
        self._holds_lock = asyncio.Lock()
        self._tables_cache: TTLCache[int, tuple[TableInfo, ...]] = TTLCache(maxsize=512, ttl=60)

    async def tables_for(self, venue_id: int, loader: Callable[[int], Awaitable[Sequence[TableInfo]]]) -> tuple[TableInfo, ...]:
        cached = self._tables_cache.get(venue_id)
        if cached is not None:
            return cached
        tables = tuple(await loader(venue_id))
        self._tables_cache[venue_id] = tables
        return tables

    @functools.lru_cache(maxsize=None)
    def slot_grid(self, service_hours: str, day: date, tz: str) -> tuple[datetime, ...]:
        zone = ZoneInfo(tz)
        slots: list[datetime] = []
        for opens, closes in parse_service_hours(service_hours):
            cursor = datetime.combine(day, opens, tzinfo=zone)
            last = datetime.combine(day, closes, tzinfo=zone) - timedelta(minutes=60)
            while cursor <= last:
                slots.append(cursor.astimezone(timezone.utc))
                cursor += timedelta(minutes=SLOT_MINUTES)
        return tuple(slots)

    async def free_tables(
        self,
        venue_id: int,
        tables: Sequence[TableInfo],
        slots: Sequence[datetime],
        party_size: int,
    ) -> dict[datetime, list[int]]:
        if not slots:
            return {}
        turn = turn_time(party_size)
        rows = await self._reservations.list_for_day(venue_id, slots[0], slots[-1] + turn)
        rows = [r for r in rows if r["status"] in ("booked", "seated", "pending_deposit")]
        result: dict[datetime, list[int]] = {}
        for slot in slots:
            slot_end = slot + turn
            busy = [r["table_id"] for r in rows if r["starts_at"] < slot_end and r["ends_at"] > slot]
            free = [t.id for t in tables if t.id not in busy and t.min_covers <= party_size <= t.max_covers]
            if free:
                result[slot] = free
        return result

    def _purge_expired(self, now: datetime) -> None:
        for hold_id in [h.hold_id for h in self._holds.values() if h.expires_at <= now]:
            del self._holds[hold_id]

    async def place_hold(self, venue_id: int, table_id: int, starts_at: datetime, party_size: int) -> Hold:
        now = datetime.now(timezone.utc)
        ends_at = starts_at + turn_time(party_size)
        async with self._holds_lock:
            self._purge_expired(now)
            for other in self._holds.values():
                if other.table_id == table_id and other.starts_at < ends_at and other.ends_at > starts_at:
                    raise SlotUnavailableError("slot is being booked by someone else")
            hold = Hold(secrets.token_urlsafe(12), venue_id, table_id, starts_at, ends_at, party_size, now + self._hold_ttl)
            self._holds[hold.hold_id] = hold
        return hold

    async def take_hold(self, hold_id: str) -> Hold:
        hold = self._holds.pop(hold_id, None)
        if hold is None or hold.expires_at <= datetime.now(timezone.utc):
            raise NotFoundError("hold expired, please pick a slot again")
        return hold
