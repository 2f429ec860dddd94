"""Crew and ground-staff rostering: shift views, swaps, availability and publishing."""
from __future__ import annotations

import json
import logging
from datetime import date, datetime, timedelta
from typing import Any

from redis.asyncio import Redis

from apron.clients.crew_app import CrewAppClient
from apron.errors import Conflict, NotFound
from apron.repositories.roster import RosterRepository
from apron.utils.locks import KeyedLocks
from apron.utils.timeutil import day_bounds, overlaps

log = logging.getLogger(__name__)


def shift_dict(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "staff_id": row["staff_id"],
        "starts_at": row["starts_at"].isoformat(),
        "ends_at": row["ends_at"].isoformat(),
        "role": row["role"],
    }


class RosterService:
    def __init__(self, repo: RosterRepository, crew: CrewAppClient, locks: KeyedLocks, redis: Redis) -> None:
        self._repo = repo
        self._crew = crew
        self._locks = locks
        self._redis = redis

    async def my_shifts(self, staff_id: int, week_start: date) -> list[dict[str, Any]]:
        key = f"shifts:{staff_id}:{week_start.isoformat()}"
        cached = await self._redis.get(key)
        if cached:
            return json.loads(cached)
        start, _ = day_bounds(week_start)
        rows = await self._repo.shifts_for_staff(staff_id, start, start + timedelta(days=7))
        shifts = [shift_dict(r) for r in rows]
        await self._redis.set(key, json.dumps(shifts), ex=300)
        return shifts

    async def swap_shifts(self, from_staff: int, from_shift: int, to_staff: int, to_shift: int) -> None:
        """Direct swap between two staff members agreed on the floor (no supervisor approval needed)."""
        async with self._locks.get(f"staff:{from_staff}"):
            async with self._locks.get(f"staff:{to_staff}"):
                await self._check_no_overlap(from_staff, to_shift, exclude=from_shift)
                await self._check_no_overlap(to_staff, from_shift, exclude=to_shift)
                await self._repo.exchange_shifts(from_shift, to_shift)
        await self._redis.delete(*self._cache_keys(from_staff, to_staff))

    async def _check_no_overlap(self, staff_id: int, incoming_shift: int, exclude: int) -> None:
        target = await self._shift(incoming_shift)
        existing = await self._repo.shifts_for_staff(
            staff_id, target["starts_at"] - timedelta(hours=12), target["ends_at"] + timedelta(hours=12)
        )
        for row in existing:
            if row["id"] == exclude:
                continue
            if overlaps(row["starts_at"], row["ends_at"], target["starts_at"], target["ends_at"]):
                raise Conflict(f"staff {staff_id} already works {row['starts_at']:%H:%M}-{row['ends_at']:%H:%M}")

    async def _shift(self, shift_id: int) -> Any:
        async with self._repo._pool.acquire(timeout=5) as conn:
            row = await conn.fetchrow("SELECT id, starts_at, ends_at FROM roster_shifts WHERE id = $1", shift_id)
        if row is None:
            raise NotFound(f"shift {shift_id}")
        return row

    def _cache_keys(self, *staff_ids: int) -> list[str]:
        today = date.today()
        monday = today - timedelta(days=today.weekday())
        return [f"shifts:{sid}:{(monday + timedelta(days=7 * w)).isoformat()}" for sid in staff_ids for w in range(2)]

    async def approve_swap(self, swap_id: int, supervisor_id: int) -> None:
        swap = await self._repo.get_swap(swap_id)
        if swap is None:
            raise NotFound(f"swap {swap_id}")
        if swap["status"] != "PENDING":
            raise Conflict(f"swap {swap_id} already {swap['status'].lower()}")
        await self._repo.exchange_shifts(swap["from_shift_id"], swap["to_shift_id"])
        await self._repo.set_swap_status(swap_id, "APPROVED", supervisor_id)
        log.info("swap %s approved by %s", swap_id, supervisor_id)

    async def decline_swap(self, swap_id: int, supervisor_id: int) -> None:
        if not await self._repo.decline_swap(swap_id, supervisor_id):
            raise Conflict(f"swap {swap_id} is no longer pending")

    async def availability(self, airport: str) -> dict[int, dict[str, Any]]:
        staff_ids = await self._repo.staff_ids_for_airport(airport)
        result: dict[int, dict[str, Any]] = {}
        for staff_id in staff_ids:
            result[staff_id] = await self._crew.get_availability(staff_id)
        return result

    async def publish_day(self, airport: str, day: date) -> int:
        start, end = day_bounds(day)
        rows = await self._repo.shifts_for_day(airport, start, end)
        await self._crew.publish_roster(airport, [shift_dict(r) for r in rows])
        published = await self._repo.mark_published(airport, start, end)
        log.info("published %d shifts for %s on %s", published, airport, day)
        return published

    async def on_duty(self, airport: str, at: datetime) -> list[int]:
        start, end = day_bounds(at.date())
        rows = await self._repo.shifts_for_day(airport, start - timedelta(hours=12), end)
        return [r["staff_id"] for r in rows if r["starts_at"] <= at < r["ends_at"]]
