"""Waiting between rounds in a way shutdown can cut short."""
import asyncio


async def pause(stop: asyncio.Event, seconds: float) -> None:
    """Sleep for `seconds`, or less when `stop` is set."""
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except asyncio.TimeoutError:
        pass


class Lease:
    """A lease in redis: one replica holds it until it stops renewing."""

    def __init__(self, cache, name: str, ttl_ms: int) -> None:
        self._cache = cache
        self._key = f"lease:{name}"
        self._ttl_ms = ttl_ms
        self.held = False

    async def take(self) -> bool:
        self.held = bool(await self._cache.set(self._key, "me", nx=True, px=self._ttl_ms))
        return self.held

    async def extend(self) -> bool:
        self.held = bool(await self._cache.pexpire(self._key, self._ttl_ms))
        return self.held

    async def ensure(self) -> bool:
        if self.held:
            return await self.extend()
        return await self.take()
