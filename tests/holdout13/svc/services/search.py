"""Availability search and nightly price calendars."""

from __future__ import annotations

import asyncio
import copy
import logging
import threading
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.external import FxClient
from svc.db.models import RatePlan, Room
from svc.repos.catalog import PropertyRepository, RatePlanRepository

logger = logging.getLogger(__name__)

SUPPORTED_CURRENCIES: Final = frozenset({"EUR", "USD", "GBP", "CHF"})

_rate_overrides: dict[int, Decimal] = {}
_fx_snapshot: dict[str, Decimal] = {}
_fx_guard = threading.Lock()


def set_override(room_id: int, price: Decimal) -> None:
    _rate_overrides[room_id] = price


def _nights(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days)]


def build_calendar(plans: Sequence[RatePlan], start: date, end: date, blocked: list[date]) -> list[dict[str, Any]]:
    by_day = {p.stay_date: p for p in plans}
    days = []
    for night in _nights(start, end):
        plan = by_day.get(night)
        available = plan is not None and not plan.closed and night not in blocked
        days.append({"date": night.isoformat(), "price": str(plan.price) if plan else None, "available": available})
    return days


def build_calendar_fast(plans: Sequence[RatePlan], start: date, end: date, blocked: Sequence[date]) -> list[dict[str, Any]]:
    by_day = {p.stay_date: p for p in plans}
    blocked_set = set(blocked)
    return [
        {
            "date": night.isoformat(),
            "price": str(by_day[night].price) if night in by_day else None,
            "available": night in by_day and not by_day[night].closed and night not in blocked_set,
        }
        for night in _nights(start, end)
    ]


class CalendarService:
    _memo: dict[tuple[int, date, date], list[dict[str, Any]]] = {}

    def __init__(self, session: AsyncSession, fx: FxClient) -> None:
        self._session = session
        self._props = PropertyRepository(session)
        self._plans = RatePlanRepository(session)
        self._fx = fx

    async def room_calendar(self, room_id: int, start: date, end: date, blocked: list[date]) -> list[dict[str, Any]]:
        key = (room_id, start, end)
        if key not in self._memo:
            plans = await self._plans.for_room(room_id, start, end)
            self._memo[key] = build_calendar(plans, start, end, blocked)
        return self._memo[key]

    async def property_calendar(self, property_id: int, start: date, end: date) -> dict[int, list[dict[str, Any]]]:
        rooms = await self._props.rooms(property_id)
        out: dict[int, list[dict[str, Any]]] = {}
        for room in rooms:
            result = await self._session.execute(
                select(RatePlan).where(RatePlan.room_id == room.id, RatePlan.stay_date >= start, RatePlan.stay_date < end)
            )
            out[room.id] = build_calendar_fast(result.scalars().all(), start, end, ())
        return out

    async def property_calendar_batched(self, property_id: int, start: date, end: date) -> dict[int, list[dict[str, Any]]]:
        rooms = await self._props.rooms(property_id)
        plans = await self._plans.for_rooms([r.id for r in rooms], start, end)
        grouped: dict[int, list[RatePlan]] = {r.id: [] for r in rooms}
        for plan in plans:
            grouped[plan.room_id].append(plan)
        return {room_id: build_calendar_fast(items, start, end, ()) for room_id, items in grouped.items()}

    async def quote(self, room: Room, start: date, end: date, currency: str) -> Decimal:
        plans = await self._plans.for_room(room.id, start, end)
        base = sum((_rate_overrides.get(room.id, p.price) for p in plans), Decimal("0"))
        if currency == "EUR":
            return base
        rate = await self._fx.latest("EUR", currency)
        return (base * rate).quantize(Decimal("0.01"))

    async def quote_with_fallback(self, room: Room, start: date, end: date, currency: str) -> Decimal:
        plans = await self._plans.for_room(room.id, start, end)
        base = sum((p.price for p in plans), Decimal("0"))
        rate = await self._fx.latest_or_cached("EUR", currency) if currency != "EUR" else Decimal("1")
        return (base * rate).quantize(Decimal("0.01"))

    async def refresh_fx_snapshot(self, currencies: Sequence[str]) -> None:
        with _fx_guard:
            for cur in currencies:
                _fx_snapshot[cur] = await self._fx.latest("EUR", cur)

    def fx_snapshot_copy(self) -> dict[str, Decimal]:
        return dict(_fx_snapshot)


class SearchThrottle:
    """Caps concurrent calendar builds per process so one huge search cannot starve the rest."""

    def __init__(self, limit: int = 16) -> None:
        self._sem = asyncio.Semaphore(limit)

    async def run(self, coros: Sequence[Any]) -> list[Any]:
        async def guarded(coro: Any) -> Any:
            async with self._sem:
                return await coro

        return await asyncio.gather(*(guarded(c) for c in coros))


class CalendarSnapshot:
    def __init__(self, days: list[dict[str, Any]]) -> None:
        self._days = days

    def export(self) -> list[dict[str, Any]]:
        snapshot = copy.deepcopy(self._days)
        return [d for d in snapshot if d["available"]]
