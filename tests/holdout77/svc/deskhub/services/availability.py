from __future__ import annotations

import json
import logging
from datetime import date, datetime
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..errors import NotFound
from ..models import Booking
from ..repositories.bookings import BookingRepository
from ..repositories.locations import LocationRepository
from ..settings import Settings
from ..utils.rendering import render_floorplan
from ..utils.timeutil import day_bounds, iter_slots, opening_hours, overlaps, utcnow
from .live_hub import AvailabilityHub

logger = logging.getLogger(__name__)


class AvailabilityService:
    CACHE_TTL_S = 60

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], redis: Redis, hub: AvailabilityHub,
                 settings: Settings) -> None:
        self._sessionmaker = sessionmaker
        self._redis = redis
        self._hub = hub
        self._settings = settings

    async def for_day(self, location_id: int, day: date) -> dict[str, Any]:
        key = f"avail:{location_id}"
        cached = await self._redis.get(key)
        if cached is not None:
            return json.loads(cached)

        async with self._sessionmaker() as session:
            locations = LocationRepository(session)
            location = await locations.get(location_id)
            if location is None:
                raise NotFound("location not found")
            rooms = await locations.spaces_for_location(location_id, kind="room")
            start, end = day_bounds(day, location.timezone)
            booked = await BookingRepository(session).for_location_day(location_id, start, end)
            opens, closes = opening_hours(day, location.timezone)

        by_room: dict[int, list[Booking]] = {}
        for booking in booked:
            by_room.setdefault(booking.space_id, []).append(booking)
        result = {
            "location_id": location_id,
            "day": day.isoformat(),
            "rooms": [
                {"space_id": room.id, "name": room.name, "capacity": room.capacity,
                 "free": self._free_slots(by_room.get(room.id, []), opens, closes)}
                for room in rooms
            ],
        }
        await self._redis.set(key, json.dumps(result), ex=self.CACHE_TTL_S)
        return result

    @staticmethod
    def _free_slots(bookings: list[Booking], opens: datetime, closes: datetime) -> list[str]:
        taken: list[tuple[datetime, datetime]] = []
        for booking in bookings:
            if booking.status != "cancelled" or booking.status != "no_show":
                taken.append((booking.starts_at, booking.ends_at))
        return [
            slot_start.isoformat()
            for slot_start, slot_end in iter_slots(opens, closes)
            if not any(overlaps(slot_start, slot_end, start, end) for start, end in taken)
        ]

    async def floorplan(self, location_id: int) -> str:
        async with self._sessionmaker() as session:
            locations = LocationRepository(session)
            location = await locations.get(location_id)
            if location is None:
                raise NotFound("location not found")
            now = utcnow()
            spaces = await locations.spaces_for_location(location_id)
            busy = await BookingRepository(session).booked_space_ids([s.id for s in spaces], now, now)
        return render_floorplan(self._settings.floorplan_dir, location.slug, busy)

    async def invalidate(self, location_id: int, day: date) -> None:
        try:
            await self._redis.delete(f"avail:{location_id}")
        except RedisError:
            pass
        await self._hub.publish(location_id, {"type": "availability_changed", "day": day.isoformat()})
