import asyncio
import time

import redis.asyncio as redis


class HostSpacing:
    def __init__(self, client: redis.Redis, interval: float) -> None:
        self._redis = client
        self._interval = interval

    async def wait_turn(self, host: str) -> None:
        key = f"spacing:{host}"
        while True:
            now = time.time()
            raw = await self._redis.get(key)  # expect: race-condition
            next_at = float(raw) if raw else 0.0
            if now >= next_at:
                await self._redis.set(key, now + self._interval, px=60_000)
                return
            await asyncio.sleep(next_at - now)

    async def wait_turn_atomically(self, host: str) -> None:
        # correct: the turn is claimed with SET NX, one caller per interval
        key = f"turn:{host}"
        while True:
            now = time.time()
            if await self._redis.set(key, now, nx=True, px=int(self._interval * 1000)):
                return
            raw = await self._redis.get(key)
            next_at = float(raw) + self._interval if raw else now
            if now >= next_at:
                await asyncio.sleep(0.01)
                continue
            await asyncio.sleep(next_at - now)

    async def remember_seen(self, host: str) -> None:
        # correct: a cached time refreshed when stale; the value written is not a claim compared
        key = f"seen:{host}"
        now = time.time()
        raw = await self._redis.get(key)
        seen = float(raw) if raw else 0.0
        if seen > now:
            return
        await self._redis.set(key, time.time(), ex=3600)

    async def take_if_free(self, host: str) -> bool:
        # correct: the slot is taken by the value the atomic SET NX reports, the GET only reports
        key = f"slot:{host}"
        now = time.time()
        raw = await self._redis.get(key)
        free_at = float(raw) if raw else 0.0
        if now >= free_at:
            return bool(await self._redis.set(key, now + self._interval, nx=True))
        return False
