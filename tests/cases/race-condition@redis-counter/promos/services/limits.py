"""Usage caps for promo codes."""
import asyncio
from collections import defaultdict

import redis.asyncio as redis


class LimitReached(Exception):
    pass


class PromoLimits:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def redeem(self, code: str, max_uses: int) -> None:
        key = f"promo:uses:{code}"
        used = await self._redis.get(key)  # expect: race-condition
        if used is not None and int(used) >= max_uses:
            raise LimitReached(code)
        await self._redis.incr(key)

    async def redeem_atomic(self, code: str, max_uses: int) -> None:
        key = f"promo:uses:{code}"
        count = await self._redis.incr(key)
        if count > max_uses:
            await self._redis.decr(key)
            raise LimitReached(code)

    async def redeem_per_user(self, code: str, user: str) -> None:
        key = f"promo:user:{code}:{user}"
        async with self._locks[key]:
            used = await self._redis.get(key)
            if used is not None and int(used) >= 1:
                raise LimitReached(code)
            await self._redis.incr(key)

    async def remaining(self, code: str, max_uses: int) -> int:
        used = await self._redis.get(f"promo:uses:{code}")
        if used is None:
            return max_uses
        await self._redis.incr("promo:stats:lookups")
        return max(max_uses - int(used), 0)
