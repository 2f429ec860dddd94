"""Irrigation bookkeeping run on timers."""
from redis.asyncio import Redis

from greenhouse.db import get_pool


class Irrigation:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def close_stale_valves(self) -> None:  # expect: worker-coordination
        pool = await get_pool()
        await pool.execute("UPDATE valves SET open = false WHERE opened_at < now() - interval '2 hours'")

    async def bill_water_usage(self) -> None:
        """Takes a lease first: one replica bills each round."""
        if not await self._redis.set("lease:water-billing", "1", nx=True, ex=240):
            return
        pool = await get_pool()
        await pool.execute("UPDATE meters SET billed = true WHERE billed = false")


async def expire_sensor_alerts() -> None:  # expect: worker-coordination
    pool = await get_pool()
    await pool.execute("DELETE FROM alerts WHERE raised_at < now() - interval '1 day'")
