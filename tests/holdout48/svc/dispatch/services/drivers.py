"""Driver-facing reads and writes: cached profiles and ratings."""
from __future__ import annotations

import logging
from datetime import datetime, timezone

from redis.asyncio import Redis
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.db.models import Driver, Rating, TripStatus
from dispatch.repositories.drivers import DriverRepository
from dispatch.repositories.trips import TripRepository
from dispatch.utils.cache import TTLCache

logger = logging.getLogger(__name__)

RATING_WINDOW_DAYS = 90


class DriverProfileService:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._local: TTLCache[dict] = TTLCache(maxsize=5000, ttl=30.0)

    async def get(self, session: AsyncSession, driver_id: int) -> dict | None:
        profile = await self._local.get(driver_id)
        if profile is not None:
            return profile
        driver = await DriverRepository(session).get(driver_id)
        if driver is None:
            return None
        profile = {
            "id": driver.id,
            "name": driver.name,
            "city": driver.city,
            "rating": float(driver.rating),
            "vehicle_id": driver.vehicle_id,
        }
        self._local.set(driver_id, profile)
        return profile

    async def update(self, session: AsyncSession, driver_id: int, **fields) -> dict | None:
        repo = DriverRepository(session)
        driver = await repo.get(driver_id)
        if driver is None:
            return None
        await repo.update_profile(driver, **fields)
        self._local.invalidate(driver_id)
        await self._redis.publish("driver-profile-invalidate", str(driver_id))
        return await self.get(session, driver_id)


class RatingError(Exception):
    pass


async def submit_rating(session: AsyncSession, trip_id: int, rider_id: int, stars: int, comment: str | None) -> None:
    if not 1 <= stars <= 5:
        raise RatingError("stars must be between 1 and 5")
    trip = await TripRepository(session).get_by_id(trip_id)
    if trip is None or trip.rider_id != rider_id:
        raise RatingError("trip not found")
    if trip.status is not TripStatus.completed or trip.driver_id is None:
        raise RatingError("only completed trips can be rated")
    session.add(Rating(trip_id=trip.id, driver_id=trip.driver_id, stars=stars, comment=comment))
    await session.flush()
    await refresh_driver_rating(session, trip.driver_id)
    await session.commit()


async def refresh_driver_rating(session: AsyncSession, driver_id: int) -> float:
    avg = await session.scalar(select(func.avg(Rating.stars)).where(Rating.driver_id == driver_id))
    driver = await session.get(Driver, driver_id)
    if driver is not None and avg is not None:
        driver.rating = round(avg, 2)
    return float(avg or 5.0)


async def rating_is_recent(created_at: datetime) -> bool:
    cutoff = datetime.now(timezone.utc) - timedelta(days=RATING_WINDOW_DAYS)
    return created_at >= cutoff
