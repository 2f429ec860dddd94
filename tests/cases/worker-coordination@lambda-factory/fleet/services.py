from datetime import date

from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


class EmissionsService:
    def __init__(self, session: AsyncSession, factor: float) -> None:
        self._session = session
        self._factor = factor

    async def aggregate_day(self, day: date) -> int:
        result = await self._session.execute(
            text("INSERT INTO emissions_daily (vessel_id, day, co2_t) "
                 "SELECT vessel_id, :day, sum(fuel_t) * :factor FROM fuel_reports WHERE day = :day GROUP BY vessel_id"),
            {"day": day, "factor": self._factor},
        )
        await self._session.commit()
        return result.rowcount


class RollupService:
    def __init__(self, session: AsyncSession, redis: Redis) -> None:
        self._session = session
        self._redis = redis

    async def aggregate_day(self, day: date) -> int:
        async with self._redis.lock(f"rollup:{day}", timeout=600, blocking=False) as held:
            if not held:
                return 0
            result = await self._session.execute(
                text("INSERT INTO voyage_rollups SELECT voyage_id, :day, count(*) FROM positions "
                     "WHERE day = :day GROUP BY voyage_id"), {"day": day})
            await self._session.commit()
            return result.rowcount
