"""Catalog service client: offers fall back to the last copy in redis, the featured rotation does not."""
import json
import logging

import httpx
from redis.asyncio import Redis

logger = logging.getLogger(__name__)


class CatalogUnavailable(Exception):
    pass


class CatalogClient:
    def __init__(self, http: httpx.AsyncClient, redis: Redis, base_url: str) -> None:
        self._http = http
        self._redis = redis
        self._base_url = base_url.rstrip("/")

    async def pack(self, pack_id: str) -> dict:
        response = await self._http.get(f"{self._base_url}/v1/packs/{pack_id}")
        response.raise_for_status()
        return response.json()

    async def offers(self, region: str) -> list[dict]:
        key = f"catalog:offers:{region}"
        try:
            response = await self._http.get(f"{self._base_url}/v1/offers", params={"region": region})
            response.raise_for_status()
        except httpx.HTTPError:
            logger.warning("catalog unavailable, serving cached offers for %s", region, exc_info=True)
            cached = await self._redis.get(key)
            if cached is None:
                raise CatalogUnavailable(region) from None
            return json.loads(cached)
        await self._redis.set(key, response.text, ex=3600)
        return response.json()

    async def featured(self, region: str) -> list[dict]:
        response = await self._http.get(f"{self._base_url}/v1/featured", params={"region": region})  # expect: no-fallback
        response.raise_for_status()
        return response.json()
