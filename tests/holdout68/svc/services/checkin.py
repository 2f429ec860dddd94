"""Reception check-in: kiosk and front-desk flows."""
from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.connections import pg
from svc.repositories import appointments_repo, checkins_repo, pets_repo
from svc.services.waiting_board import board_hub
from svc.utils.locks import board_lock, queue_lock

logger = logging.getLogger(__name__)

_recent_checkins: list[dict[str, Any]] = []


class CheckinError(Exception):
    pass


class CheckinService:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self._background: set[asyncio.Task] = set()

    async def check_in(self, session: AsyncSession, appointment_id: int) -> dict[str, Any]:
        appt = await appointments_repo.get(session, appointment_id)
        if appt is None or appt.status != "booked":
            raise CheckinError("appointment cannot be checked in")
        pet = await pets_repo.get_pet(session, appt.pet_id)
        async with queue_lock(appt.clinic_id):
            row = await checkins_repo.add_checkin(pg.pool, appt.clinic_id, appt.id, pet.name)
            async with board_lock(appt.clinic_id):
                _recent_checkins.append({"clinic_id": appt.clinic_id, "pet": pet.name, "at": row["checked_in_at"]})
        await appointments_repo.set_status(session, appt.id, "checked_in")
        await session.commit()
        await board_hub.refresh(appt.clinic_id)
        self.redis.publish(f"staff:{appt.clinic_id}", json.dumps({"type": "checked_in", "appointment_id": appt.id}))
        asyncio.create_task(checkins_repo.record(pg.pool, "reception", "appointment", appt.id, "check_in"))
        return {"checkin_id": row["id"], "status": row["status"]}

    async def call_next(self, clinic_id: int, room: str, vet_name: str) -> dict[str, Any] | None:
        row = await checkins_repo.call_next(pg.pool, clinic_id, room)
        if row is None:
            return None
        await board_hub.refresh(clinic_id)
        event = {"type": "called", "pet": row["pet_name"], "room": room, "vet": vet_name}
        await self.redis.publish(f"staff:{clinic_id}", json.dumps(event))
        task = asyncio.create_task(checkins_repo.record(pg.pool, vet_name, "checkin", row["id"], "called"))
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return row

    def recent(self, clinic_id: int, limit: int = 20) -> list[dict[str, Any]]:
        return [c for c in _recent_checkins if c["clinic_id"] == clinic_id][-limit:]
