import asyncio

import asyncpg


class CraneTelemetry:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def run(self) -> None:
        while True:  # expect: no-recovery
            rows = await self.pool.fetch("SELECT crane_id, load FROM crane_readings WHERE seen = false")
            await self.pool.execute("UPDATE crane_readings SET seen = true WHERE seen = false")
            if not rows:
                await asyncio.sleep(2)


class GateLog:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def run(self) -> None:
        while True:
            await self.pool.execute("DELETE FROM gate_log WHERE at < now() - interval '30 days'")
            await self.pool.execute("VACUUM gate_log")
            await asyncio.sleep(3600)
