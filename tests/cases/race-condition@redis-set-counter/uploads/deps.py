"""Per-claim upload quotas and cached lookups kept in redis."""
from datetime import date

from fastapi import Depends, HTTPException
from redis.asyncio import Redis

MAX_UPLOADS = 20


def get_redis() -> Redis:
    return Redis.from_url("redis://redis:6379/0", decode_responses=True)


async def enforce_quota(claim_id: str, redis: Redis = Depends(get_redis)) -> None:
    key = f"quota:{claim_id}:{date.today():%Y%m%d}"
    used = await redis.get(key)  # expect: race-condition
    if used is not None and int(used) >= MAX_UPLOADS:
        raise HTTPException(status_code=429, detail="daily upload quota reached")
    await redis.set(key, int(used or 0) + 1, ex=86_400)


async def enforce_quota_atomic(claim_id: str, redis: Redis = Depends(get_redis)) -> None:
    key = f"quota:{claim_id}:{date.today():%Y%m%d}"
    used = await redis.incr(key)
    if used == 1:
        await redis.expire(key, 86_400)
    if used > MAX_UPLOADS:
        await redis.decr(key)
        raise HTTPException(status_code=429, detail="daily upload quota reached")


async def region_for(claim_id: str, redis: Redis = Depends(get_redis)) -> str:
    key = f"region:{claim_id}"
    cached = await redis.get(key)
    if cached is not None:
        return cached
    region = claim_id[:2].upper()
    await redis.set(key, region, ex=3600)
    return region


async def first_upload_day(claim_id: str, redis: Redis = Depends(get_redis)) -> str:
    key = f"first-upload:{claim_id}"
    seen = await redis.get(key)
    if seen is not None:
        return seen
    await redis.set(key, date.today().isoformat(), nx=True)
    return str(await redis.get(key))
