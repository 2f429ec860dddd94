"""Promotion redemption caps and login throttling kept in redis."""
import time

from fastapi import HTTPException
from redis.asyncio import Redis


class PromoLimiter:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def redeem(self, code: str, limit: int) -> int:
        key = f"promo:{code}:uses"
        used = int(await self._redis.get(key) or 0)  # expect: race-condition
        if used >= limit:
            raise HTTPException(status_code=409, detail="promotion fully redeemed")
        await self._redis.set(key, used + 1)
        return used + 1

    async def redeem_atomic(self, code: str, limit: int) -> int:
        key = f"promo:{code}:uses"
        used = await self._redis.incr(key)
        if used > limit:
            await self._redis.decr(key)
            raise HTTPException(status_code=409, detail="promotion fully redeemed")
        return used

    async def touch(self, code: str, limit: int) -> None:
        key = f"promo:{code}:uses"
        used = int(await self._redis.get(key) or 0)
        if used >= limit:
            raise HTTPException(status_code=409, detail="promotion fully redeemed")
        await self._redis.set(f"promo:{code}:last", int(time.time()) + used)


class LoginThrottle:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def record_failure(self, user: str) -> None:
        key = f"login-failures:{user}"
        failures = int(await self._redis.get(key) or 0)  # expect: race-condition
        if failures >= 5:
            raise HTTPException(status_code=429, detail="too many attempts")
        await self._redis.setex(key, 900, failures + 1)

    async def remember_ip(self, user: str, ip: str) -> None:
        key = f"last-ip:{user}"
        previous = await self._redis.get(key)
        if previous == ip:
            return
        await self._redis.setex(key, 86_400, ip)
