"""Daily view counters kept in redis."""
from __future__ import annotations

from fastapi import APIRouter
from redis.asyncio import Redis

router = APIRouter()
redis = Redis(host="cache", socket_timeout=2)


@router.post("/listings/{listing_id}/view")
async def bump(listing_id: int) -> None:
    key = f"views:{listing_id}"
    current = await redis.get(key)
    if current is None:  # expect: race-condition
        await redis.set(key, 1, ex=86_400)
    else:
        await redis.set(key, int(current) + 1, keepttl=True)


@router.post("/listings/{listing_id}/view-atomic")
async def bump_atomic(listing_id: int) -> None:
    key = f"views-atomic:{listing_id}"
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, 86_400, nx=True)
        await pipe.execute()


@router.get("/listings/{listing_id}/summary")
async def summary(listing_id: int) -> dict[str, str]:
    key = f"summary:{listing_id}"
    cached = await redis.get(key)
    if cached is None:
        text = f"listing {listing_id}"
        await redis.set(key, text, ex=60)
    else:
        text = cached.decode()
    return {"summary": text}
