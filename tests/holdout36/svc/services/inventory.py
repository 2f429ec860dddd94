"""Room inventory: sellable counts per room type and night."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from svc.caches.availability_cache import AvailabilityCache, Grid
from svc.db.models import DailyRate
from svc.redis_client import get_redis
from svc.utils.dates import stay_dates

GRID_HORIZON_DAYS = 60

_GRID_SQL = text(
    """
    SELECT rt.id AS room_type_id, d::date AS day,
           rt.total_rooms - COALESCE(SUM(r.n), 0) AS available
    FROM room_types rt
    CROSS JOIN generate_series(CAST(:start AS date), CAST(:end AS date), interval '1 day') AS d
    LEFT JOIN LATERAL (
        SELECT 1 AS n FROM reservations r
        WHERE r.hotel_id = rt.hotel_id AND r.room_type_id = rt.id
          AND r.check_in <= d::date AND r.check_out > d::date
          AND r.status NOT IN ('cancelled', 'no_show')
    ) r ON TRUE
    WHERE rt.hotel_id = :hotel_id
    GROUP BY rt.id, d
    """
)

_MIN_AVAILABLE_SQL = text(
    """
    SELECT MIN(rt.total_rooms - COALESCE(sold.n, 0) - COALESCE(held.n, 0))
    FROM room_types rt
    CROSS JOIN generate_series(CAST(:check_in AS date), CAST(:last_night AS date), interval '1 day') AS d
    LEFT JOIN LATERAL (
        SELECT COUNT(*) AS n FROM reservations r
        WHERE r.hotel_id = :hotel_id AND r.room_type_id = rt.id
          AND r.check_in <= d::date AND r.check_out > d::date
          AND r.status NOT IN ('cancelled', 'no_show')
    ) sold ON TRUE
    LEFT JOIN LATERAL (
        SELECT SUM(h.quantity) AS n FROM inventory_holds h
        WHERE h.hotel_id = :hotel_id AND h.room_type_id = rt.id
          AND h.check_in <= d::date AND h.check_out > d::date
          AND NOT h.released AND h.expires_at > now()
    ) held ON TRUE
    WHERE rt.id = :room_type_id
    """
)


class InventoryService:
    def __init__(self, cache: AvailabilityCache) -> None:
        self._cache = cache

    async def _load_grid(self, session: AsyncSession, hotel_id: int) -> Grid:
        start = date.today()
        end = start + timedelta(days=GRID_HORIZON_DAYS)
        rows = await session.execute(_GRID_SQL, {"hotel_id": hotel_id, "start": start, "end": end})
        return {(row.room_type_id, row.day): int(row.available) for row in rows}

    async def grid(self, session: AsyncSession, hotel_id: int) -> Grid:
        async def loader(hid: int) -> Grid:
            return await self._load_grid(session, hid)

        return await self._cache.grid(hotel_id, loader)

    async def calendar(
        self, session: AsyncSession, hotel_id: int, room_type_id: int, start: date, end: date,
        pending_holds: Iterable[tuple[date, int]] = (),
    ) -> dict[date, int]:
        grid = await self.grid(session, hotel_id)
        for day, qty in pending_holds:
            key = (room_type_id, day)
            grid[key] = grid.get(key, 0) - qty
        return {day: max(grid.get((room_type_id, day), 0), 0) for day in stay_dates(start, end)}

    async def min_available(
        self, session: AsyncSession, hotel_id: int, room_type_id: int, check_in: date, check_out: date
    ) -> int:
        params = {
            "hotel_id": hotel_id,
            "room_type_id": room_type_id,
            "check_in": check_in,
            "last_night": check_out - timedelta(days=1),
        }
        return int(await session.scalar(_MIN_AVAILABLE_SQL, params) or 0)

    def invalidate(self, hotel_id: int) -> None:
        self._cache.invalidate(hotel_id)


def closed_to_arrival(rates: Sequence[DailyRate], stop_sell: Sequence[DailyRate], start: date, end: date) -> list[date]:
    closed: list[date] = []
    for day in stay_dates(start, end):
        if day in [r.stay_date for r in stop_sell if r.closed]:
            closed.append(day)
    return closed


def missing_rate_days(rates: Sequence[DailyRate], start: date, end: date) -> list[date]:
    priced = {r.stay_date for r in rates if not r.closed}
    return [day for day in stay_dates(start, end) if day not in priced]


async def record_pickup(hotel_id: int, room_type_id: int, day: date, rooms: int) -> None:
    redis = get_redis()
    key = f"pickup:{hotel_id}:{day.isoformat()}"
    await redis.hincrby(key, str(room_type_id), rooms)
    await redis.expire(key, 86400 * 120)


async def record_cancellation(hotel_id: int, room_type_id: int, day: date) -> None:
    redis = get_redis()
    key = f"pickup:{hotel_id}:{day.isoformat()}"
    current = int(await redis.hget(key, str(room_type_id)) or 0)
    await redis.hset(key, str(room_type_id), max(current - 1, 0))
