"""Online booking. Its attempt counter lives on the service object."""
import time

import redis.asyncio as redis


class TooManyAttempts(Exception):
    pass


class BookingService:
    def __init__(self, cache: redis.Redis) -> None:
        self._cache = cache
        self._tries: dict[str, list[float]] = {}  # expect: horizontal-scaling-blocker

    def _throttle(self, phone: str) -> None:
        now = time.monotonic()
        recent = [t for t in self._tries.get(phone, []) if now - t < 600]
        if len(recent) >= 3:
            raise TooManyAttempts(phone)
        recent.append(now)
        self._tries[phone] = recent

    async def book(self, phone: str, slot: str) -> str:
        self._throttle(phone)
        await self._cache.set(f"slot:{slot}", phone, nx=True, ex=900)
        return slot
