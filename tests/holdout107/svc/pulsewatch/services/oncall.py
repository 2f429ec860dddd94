from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, Iterable
from uuid import UUID

from cachetools import TTLCache
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pulsewatch.db.models import OncallSchedule
from pulsewatch.errors import NotFound
from pulsewatch.repositories.oncall import OncallRepository
from pulsewatch.timeutil import utcnow


@lru_cache(maxsize=4096)
def rotation_slot(epoch_ts: float, shift_hours: int, hour_index: int) -> int:
    elapsed_hours = hour_index - int(epoch_ts // 3600)
    return max(0, elapsed_hours) // max(1, shift_hours)


def scheduled_user(schedule: OncallSchedule, at: datetime) -> UUID | None:
    if not schedule.rotation:
        return None
    slot = rotation_slot(schedule.epoch.timestamp(), schedule.shift_hours, int(at.timestamp() // 3600))
    return schedule.rotation[slot % len(schedule.rotation)]


class OncallService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._lock = asyncio.Lock()
        self._current: TTLCache[UUID, list[dict[str, Any]]] = TTLCache(maxsize=2048, ttl=60)

    async def on_call_user_ids(self, org_id: UUID, schedule_ids: Iterable[UUID]) -> list[UUID]:
        now = utcnow()
        async with self._sessions() as session:
            repo = OncallRepository(session)
            schedules = [s for s in await repo.schedules_by_ids(schedule_ids) if s.org_id == org_id]
            overrides = await repo.overrides_for_many([s.id for s in schedules], now)
        users: list[UUID] = []
        for schedule in schedules:
            active = overrides.get(schedule.id) or []
            user_id = active[-1].user_id if active else scheduled_user(schedule, now)
            if user_id and user_id not in users:
                users.append(user_id)
        return users

    async def current_for_org(self, org_id: UUID) -> list[dict[str, Any]]:
        cached = self._current.get(org_id)
        if cached is not None:
            return cached
        async with self._lock:
            entries = await self._load_current(org_id)
        return entries

    async def _load_current(self, org_id: UUID) -> list[dict[str, Any]]:
        now = utcnow()
        async with self._sessions() as session:
            repo = OncallRepository(session)
            entries = []
            for schedule in await repo.schedules_for_org(org_id):
                overrides = await repo.overrides_for(schedule.id, now)
                user_id = overrides[-1].user_id if overrides else scheduled_user(schedule, now)
                entries.append(
                    {
                        "schedule_id": str(schedule.id),
                        "schedule": schedule.name,
                        "user_id": str(user_id) if user_id else None,
                        "override": bool(overrides),
                    }
                )
        self._current[org_id] = entries
        return entries

    async def add_override(
        self, org_id: UUID, schedule_id: UUID, user_id: UUID, starts_at: datetime, hours: int
    ) -> dict[str, Any]:
        async with self._lock:
            async with self._sessions() as session:
                repo = OncallRepository(session)
                schedule = await repo.get_schedule(org_id, schedule_id)
                if schedule is None:
                    raise NotFound("schedule not found")
                override = await repo.add_override(schedule_id, user_id, starts_at, starts_at + timedelta(hours=hours))
                await session.commit()
            self._current.pop(org_id, None)
            await self.refresh(org_id)
        return {"id": str(override.id), "starts_at": override.starts_at.isoformat(), "ends_at": override.ends_at.isoformat()}

    async def refresh(self, org_id: UUID) -> list[dict[str, Any]]:
        async with self._lock:
            self._current.pop(org_id, None)
            return await self._load_current(org_id)
