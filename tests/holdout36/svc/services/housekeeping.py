"""Housekeeping board: room status, attendant assignments and room moves."""
from __future__ import annotations

import json
import logging
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import HousekeepingTask, Room
from svc.redis_client import get_redis
from svc.repositories import housekeeping as hk_repo
from svc.repositories import reservations as reservations_repo
from svc.repositories import rooms as rooms_repo
from svc.utils.locks import reservation_lock, room_lock

logger = logging.getLogger(__name__)

BOARD_CHANNEL = "hk-board:{hotel_id}"
STATUS_TTL = 36 * 3600


class HousekeepingService:
    async def snapshot(self, session: AsyncSession, hotel_id: int) -> list[dict[str, Any]]:
        redis = get_redis()
        board = []
        for room in await rooms_repo.list_rooms(session, hotel_id):
            live = await redis.hgetall(f"hk:{room.id}")
            board.append(
                {
                    "room_id": room.id,
                    "number": room.number,
                    "floor": room.floor,
                    "type": room.room_type.code,
                    "status": live.get("status", room.hk_status),
                    "attendant": live.get("attendant"),
                }
            )
        return board

    async def attendant_load(self, room_ids: list[int]) -> dict[str, int]:
        redis = get_redis()
        pipe = redis.pipeline(transaction=False)
        for room_id in room_ids:
            pipe.hget(f"hk:{room_id}", "attendant")
        load: dict[str, int] = {}
        for attendant in await pipe.execute():
            if attendant:
                load[attendant] = load.get(attendant, 0) + 1
        return load

    async def update_status(
        self, session: AsyncSession, hotel_id: int, room_id: int, status: str, attendant: str | None
    ) -> None:
        await rooms_repo.set_hk_status(session, room_id, status)
        task = await hk_repo.open_task_for_room(session, room_id)
        if task is not None and status in ("clean", "inspected"):
            await hk_repo.complete(session, task.id, attendant)
        await session.commit()

        redis = get_redis()
        key = f"hk:{room_id}"
        await redis.hset(key, mapping={"status": status, "attendant": attendant or ""})
        redis.expire(key, STATUS_TTL)
        await redis.publish(
            BOARD_CHANNEL.format(hotel_id=hotel_id),
            json.dumps({"room_id": room_id, "status": status, "attendant": attendant}),
        )

    async def move_guest(self, session: AsyncSession, reservation_id: int, new_room_id: int) -> None:
        async with room_lock(new_room_id):
            room = await session.get(Room, new_room_id)
            if room is None or room.hk_status not in ("clean", "inspected"):
                raise ValueError("target room not ready")
            async with reservation_lock(reservation_id):
                reservation = await reservations_repo.get(session, reservation_id)
                if reservation is None or reservation.status != "checked_in":
                    raise ValueError("guest is not in house")
                old_room_id = reservation.room_id
                await reservations_repo.assign_room(session, reservation_id, new_room_id)
                room.hk_status = "occupied"
                if old_room_id is not None:
                    await rooms_repo.set_hk_status(session, old_room_id, "dirty")
                await session.commit()
        logger.info("reservation %s moved from %s to %s", reservation_id, old_room_id, new_room_id)

    async def swap_rooms(self, session: AsyncSession, room_a: int, room_b: int) -> None:
        if room_a == room_b:
            return
        first, second = sorted((room_a, room_b))
        async with room_lock(first), room_lock(second):
            rooms = await rooms_repo.rooms_by_ids(session, [first, second])
            rooms[first].hk_status, rooms[second].hk_status = rooms[second].hk_status, rooms[first].hk_status
            await session.commit()

    async def plan_tomorrow(self, session: AsyncSession, hotel_id: int, today: date) -> int:
        tomorrow = today + timedelta(days=1)
        departures = {
            r.room_id for r in await reservations_repo.in_house(session, hotel_id, today) if r.check_out == tomorrow
        }
        tasks = []
        for room in await rooms_repo.list_rooms(session, hotel_id):
            kind = "departure" if room.id in departures else "stayover"
            if room.hk_status == "vacant" and kind == "stayover":
                continue
            tasks.append(HousekeepingTask(hotel_id=hotel_id, room_id=room.id, task_date=tomorrow, kind=kind))
        await hk_repo.create_many(session, tasks)
        await session.commit()
        logger.info("planned %d housekeeping tasks for %s", len(tasks), tomorrow)
        return len(tasks)

    async def reopen(self, session: AsyncSession, room_id: int, reopened_by: str) -> None:
        room = await rooms_repo.get_room(session, room_id)
        if room is None:
            return
        room.out_of_order = False
        room.hk_status = "dirty"
        await session.commit()
        logger.info("room %s reopened by %s", room.number, reopend_by)
