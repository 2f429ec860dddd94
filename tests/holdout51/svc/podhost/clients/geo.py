"""IP geolocation lookups."""
from __future__ import annotations

import logging

import aiohttp
from cachetools import TTLCache

log = logging.getLogger(__name__)
_MISS = object()


class GeoClient:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._cache: TTLCache[str, str | None] = TTLCache(maxsize=200_000, ttl=3600)

    async def country(self, ip: str) -> str | None:
        cached = self._cache.get(ip, _MISS)
        if cached is not _MISS:
            return cached
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=1.5)) as session:
            async with session.get(f"{self._base_url}/v1/ip/{ip}") as resp:
                if resp.status != 200:
                    return None
                body = await resp.json()
        code = body.get("country")
        self._cache[ip] = code
        return code
