"""Banners: Redis in front of the CMS."""
from redis.asyncio import Redis


async def banner(redis: Redis, cms, slot: str) -> str:
    text = await redis.get(f"banner:{slot}")  # expect: no-fallback
    if text is None:
        text = await cms.load_banner(slot)
    return text
