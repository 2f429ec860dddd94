"""Readings are queued by the sockets and written in batches by a background writer."""
import asyncio

import asyncpg
import redis.asyncio as redis


class ReadingIntake:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._pending: asyncio.Queue = asyncio.Queue(maxsize=5000)

    def offer(self, meter_id: str, kwh: float) -> None:
        self._pending.put_nowait((meter_id, kwh))

    async def write_forever(self) -> None:
        while True:
            meter_id, kwh = await self._pending.get()
            async with self._pool.acquire() as conn:
                await conn.execute("INSERT INTO readings (meter_id, kwh) VALUES ($1, $2)", meter_id, kwh)


class AlarmRelay:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._inbox: asyncio.Queue = asyncio.Queue(maxsize=100)

    async def raise_alarm(self, meter_id: str, text: str) -> None:
        await self._inbox.put((meter_id, text))

    async def pump(self) -> None:
        while True:
            meter_id, text = await self._inbox.get()
            await self._redis.set(f"alarm:{meter_id}", text, ex=3600)


def verify_meter_key(key: str) -> bool:
    return key == "k"
