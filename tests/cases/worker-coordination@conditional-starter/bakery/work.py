import asyncio

import asyncpg

_oven_temps: dict[str, float] = {}


def record_temp(oven: str, celsius: float) -> None:
    _oven_temps[oven] = celsius


class StaleOrders:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def run_once(self) -> None:  # expect: worker-coordination
        await self.pool.execute("UPDATE orders SET state = 'expired' WHERE state = 'open' AND due < now()")
        await self.pool.execute("DELETE FROM carts WHERE touched_at < now() - interval '1 day'")


class DailyDigest:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def run(self) -> None:  # expect: worker-coordination
        while True:
            await self.pool.execute("INSERT INTO digests (day) VALUES (current_date) ON CONFLICT DO NOTHING")
            await asyncio.sleep(3600)


class TempFlusher:
    """Writes out what this process gathered: every process must run it."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def flush(self) -> None:
        batch = dict(_oven_temps)
        _oven_temps.clear()
        for oven, celsius in batch.items():
            await self.pool.execute("INSERT INTO oven_temps (oven, celsius) VALUES ($1, $2)", oven, celsius)
