"""Fetches banners; its errors are not translated."""
import aiohttp

BANNER_HOST = "http://banners.internal"


async def banner_bytes(session: aiohttp.ClientSession, key: str) -> bytes:
    async with session.get(f"{BANNER_HOST}/banner/{key}") as resp:  # expect: no-fallback
        return await resp.read()
