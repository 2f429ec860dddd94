"""The reception TV board and the live staff event feed (fanned out through Redis)."""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from datetime import datetime
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.websockets import WebSocket

from svc.db.connections import pg
from svc.db.models import Appointment
from svc.repositories import appointments_repo, checkins_repo, pets_repo
from svc.utils.locks import board_lock, queue_lock


logger = logging.getLogger(__name__)


class BoardHub:
    def __init__(self) -> None:
        self.connections: dict[int, set[WebSocket]] = defaultdict(set)
        self._last_state: dict[int, list[dict[str, Any]]] = {}

    async def register(self, clinic_id: int, ws: WebSocket) -> None:
        self.connections[clinic_id].add(ws)
        state = self._last_state.get(clinic_id)
        if state is not None:
            await ws.send_json({"type": "board", "rows": state})

    def unregister(self, clinic_id: int, ws: WebSocket) -> None:
        self.connections[clinic_id].discard(ws)

    async def broadcast(self, clinic_id: int, payload: dict[str, Any]) -> None:
        for ws in list(self.connections[clinic_id]):
            await ws.send_json(payload)

    async def refresh(self, clinic_id: int) -> None:
        async with board_lock(clinic_id):
            async with queue_lock(clinic_id):
                rows = await checkins_repo.waiting_for_clinic(pg.pool, clinic_id)
            board = [
                {
                    "pet": r["pet_name"],
                    "status": r["status"],
                    "room": r["room"],
                    "since": r["checked_in_at"].strftime("%H:%M"),
                }
                for r in rows
            ]
            self._last_state[clinic_id] = board
        await self.broadcast(clinic_id, {"type": "board", "rows": board})

    @staticmethod
    def _display_time(appt: Appointment) -> str:
        return appt.starts_at.strftime("%H:%M")

    async def day_sheet(
        self, session: AsyncSession, clinic_id: int, day_start: datetime, day_end: datetime
    ) -> list[dict[str, Any]]:
        appts = await appointments_repo.list_for_clinic_today(session, clinic_id, day_start, day_end)
        sheet: list[dict[str, Any]] = []
        for appt in appts:
            pet = await pets_repo.get_pet(session, appt.pet_id)
            sheet.append(
                {
                    "time": self._display_time(appt),
                    "pet": pet.name if pet else "?",
                    "species": pet.species if pet else None,
                    "status": appt.status,
                    "vet_id": appt.vet_id,
                }
            )
        return sheet


board_hub = BoardHub()


QUEUE_DEPTH = 100


class StaffChannel:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self._subscribers: defaultdict[int, set[asyncio.Queue[dict[str, Any]]]] = defaultdict(set)

    def subscriber_count(self) -> int:
        return sum(len(qs) for qs in self._subscribers.values())

    def subscribe(self, clinic_id: int) -> asyncio.Queue[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=QUEUE_DEPTH)
        self._subscribers[clinic_id].add(queue)
        return queue

    def unsubscribe(self, clinic_id: int, queue: asyncio.Queue[dict[str, Any]]) -> None:
        subs = self._subscribers.get(clinic_id)
        if subs is None:
            return
        subs.discard(queue)
        if not subs:
            del self._subscribers[clinic_id]

    def _deliver(self, clinic_id: int, event: dict[str, Any]) -> None:
        for queue in self._subscribers.get(clinic_id, ()):
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(event)

    async def run(self) -> None:
        pubsub = self.redis.pubsub()
        await pubsub.psubscribe("staff:*")
        try:
            async for message in pubsub.listen():
                if message["type"] != "pmessage":
                    continue
                clinic_id = int(message["channel"].split(":", 1)[1])
                self._deliver(clinic_id, json.loads(message["data"]))
        finally:
            await pubsub.aclose()
