"""Outbound ARI (availability, rates, inventory) sync to the channel manager."""
from __future__ import annotations

import asyncio
import logging
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.channel_manager import ChannelManagerClient
from svc.db.models import Hotel, RatePlan
from svc.redis_client import get_redis
from svc.repositories import rates as rates_repo
from svc.repositories import rooms as rooms_repo
from svc.services.inventory import InventoryService
from svc.utils.dates import stay_dates

logger = logging.getLogger(__name__)

SYNC_HORIZON_DAYS = 365
DIRTY_KEY = "cm:dirty:{hotel_id}"


class ChannelSyncService:
    def __init__(self, cm: ChannelManagerClient, inventory: InventoryService) -> None:
        self._cm = cm
        self._inventory = inventory
        self._push_lock = asyncio.Lock()

    async def mark_dirty(self, hotel_id: int, room_type_id: int, days: list[date]) -> None:
        if days:
            await get_redis().sadd(
                DIRTY_KEY.format(hotel_id=hotel_id), *(f"{room_type_id}:{d.isoformat()}" for d in days)
            )

    async def full_resync(self, session: AsyncSession, hotel: Hotel) -> int:
        start = date.today()
        end = start + timedelta(days=SYNC_HORIZON_DAYS)
        pushed = 0
        async with self._push_lock:
            grid = await self._inventory.grid(session, hotel.id)
            for room_type in await rooms_repo.room_types(session, hotel.id):
                for day in stay_dates(start, end):
                    await self._cm.push_availability(hotel.code, room_type.code, day, grid.get((room_type.id, day), 0))
                    pushed += 1
        logger.info("full resync of %s pushed %d cells", hotel.code, pushed)
        return pushed

    async def push_changes(self, session: AsyncSession, hotel: Hotel) -> int:
        redis = get_redis()
        key = DIRTY_KEY.format(hotel_id=hotel.id)
        members = await redis.spop(key, 500)
        if not members:
            return 0
        grid = await self._inventory.grid(session, hotel.id)
        codes = {rt.id: rt.code for rt in await rooms_repo.room_types(session, hotel.id)}
        items = []
        for member in members:
            room_type_id, iso = member.split(":")
            day = date.fromisoformat(iso)
            items.append(
                {
                    "room_type": codes[int(room_type_id)],
                    "date": iso,
                    "available": grid.get((int(room_type_id), day), 0),
                }
            )
        try:
            await self._cm.push_availability_batch(hotel.code, items)
        except Exception:
            await redis.sadd(key, *members)
            raise
        return len(items)

    async def push_plan_rates(self, session: AsyncSession, hotel: Hotel, plan: RatePlan, room_type_id: int) -> None:
        start = date.today()
        rates = await rates_repo.daily_rates(session, plan.id, room_type_id, start, start + timedelta(days=90))
        await self._cm.push_rates(hotel.code, plan.code, {d: r.amount for d, r in rates.items() if not r.closed})
