"""Bookable slots per restaurant/day, cached in redis and rebuilt from bookings on miss."""
from __future__ import annotations

import json
import logging
from datetime import date, timedelta

import redis.asyncio as redis

from svc.db.models import Restaurant
from svc.repositories.bookings import BookingRepository
from svc.repositories.tables import TableRepository
from svc.utils.timeutil import day_bounds, slot_grid

log = logging.getLogger(__name__)

CACHE_TTL_S = 120


class AvailabilityService:
    def __init__(self, cache: redis.Redis, bookings: BookingRepository, tables: TableRepository) -> None:
        self.redis = cache
        self.bookings = bookings
        self.tables = tables

    @staticmethod
    def _key(restaurant_id: int, day: date) -> str:
        return f"availability:{restaurant_id}:{day.isoformat()}"

    async def slots(self, restaurant: Restaurant, day: date, party_size: int) -> list[str]:
        key = self._key(restaurant.id, day)
        raw = await self.redis.hgetall(key)
        if not raw:
            raw = await self._rebuild(restaurant, day)
        return sorted(slot for slot, seats_json in raw.items() if party_size in json.loads(seats_json))

    async def _rebuild(self, restaurant: Restaurant, day: date) -> dict[str, str]:
        start, end = day_bounds(day, restaurant.timezone)
        booked = await self.bookings.list_for_window(restaurant.id, start, end + timedelta(hours=4))
        tables = await self.tables.list_tables(restaurant.id)
        turn = timedelta(minutes=restaurant.turn_minutes)
        result: dict[str, str] = {}
        for slot in slot_grid(restaurant.id, day, restaurant.timezone):
            busy = {b.table_id for b in booked if b.table_id and b.starts_at < slot + turn and b.ends_at > slot}
            sizes = sorted({n for t in tables if t.id not in busy for n in range(t.min_covers, t.capacity + 1)})
            if sizes:
                result[slot.isoformat()] = json.dumps(sizes)
        if result:
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.delete(self._key(restaurant.id, day))
                pipe.hset(self._key(restaurant.id, day), mapping=result)
                pipe.expire(self._key(restaurant.id, day), CACHE_TTL_S)
                await pipe.execute()
        return result

    async def invalidate(self, restaurant_id: int, day: date) -> None:
        try:
            await self.redis.delete(self._key(restaurant_id, day))
        except redis.RedisError as exc:
            log.warning("could not invalidate availability %s/%s: %s; entry expires in %ss", restaurant_id, day, exc, CACHE_TTL_S)
