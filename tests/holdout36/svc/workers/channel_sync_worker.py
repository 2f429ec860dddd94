from __future__ import annotations

import asyncio
import logging
import os
import socket

from sqlalchemy import select

from svc.config import settings
from svc.db.engine import SessionLocal
from svc.db.models import Hotel, RatePlan, RoomType
from svc.services.channel_sync import ChannelSyncService
from svc.utils.locks import RedisLock

logger = logging.getLogger(__name__)

_OWNER = f"{socket.gethostname()}:{os.getpid()}"


class ChannelSyncWorker:
    def __init__(self, sync: ChannelSyncService) -> None:
        self._sync = sync
        self._limit = asyncio.Semaphore(settings.channel_push_concurrency)

    async def _push_hotel(self, hotel: Hotel) -> int:
        async with self._limit:
            async with SessionLocal() as session:
                return await self._sync.push_changes(session, hotel)

    async def run_once(self) -> None:
        async with RedisLock("channel-sync", _OWNER, ttl_ms=55_000) as lock:
            if not lock.acquired:
                return
            async with SessionLocal() as session:
                hotels = (await session.scalars(select(Hotel))).all()
            results = await asyncio.gather(*(self._push_hotel(h) for h in hotels), return_exceptions=True)
            for hotel, result in zip(hotels, results):
                if isinstance(result, Exception):
                    logger.error("availability push for %s failed: %r", hotel.code, result)

    async def push_all_rates(self) -> None:
        async with SessionLocal() as session:
            rows = (
                await session.execute(
                    select(Hotel, RatePlan, RoomType)
                    .join(RatePlan, RatePlan.hotel_id == Hotel.id)
                    .join(RoomType, RoomType.hotel_id == Hotel.id)
                    .where(RatePlan.active.is_(True))
                )
            ).all()

        async def push(hotel: Hotel, plan: RatePlan, room_type: RoomType) -> None:
            async with SessionLocal() as session:
                await self._sync.push_plan_rates(session, hotel, plan, room_type.id)

        await asyncio.gather(*(push(h, p, rt) for h, p, rt in rows))
