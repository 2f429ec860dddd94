"""Verification codes: the resend cap is counted in redis, shared by every replica."""
import redis.asyncio as redis


class CodeSender:
    def __init__(self, cache: redis.Redis) -> None:
        self._cache = cache

    async def may_resend(self, phone: str) -> bool:
        key = f"resend:{phone}"
        count = await self._cache.incr(key)
        if count == 1:
            await self._cache.expire(key, 3600)
        return count <= 5
