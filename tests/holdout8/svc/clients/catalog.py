"""Store catalog service: gem packs, offers and the featured rotation."""

from __future__ import annotations

import json
import logging

import httpx
from pydantic import BaseModel
from redis.asyncio import Redis

from svc.errors import UpstreamUnavailableError

logger = logging.getLogger(__name__)


class GemPack(BaseModel):
    id: str
    gems: int
    price_cents: int
    currency: str


class Offer(BaseModel):
    id: str
    title: str
    item_ids: list[str]
    gem_price: int


class CatalogClient:
    def __init__(self, http: httpx.AsyncClient, redis: Redis, base_url: str) -> None:
        self._http = http
        self._redis = redis
        self._base_url = base_url.rstrip("/")

    async def gem_pack(self, pack_id: str) -> GemPack:
        response = await self._http.get(f"{self._base_url}/v1/gem-packs/{pack_id}")
        response.raise_for_status()
        return GemPack.model_validate(response.json())

    async def offers(self, region: str) -> list[Offer]:
        cache_key = f"catalog:offers:{region}"
        try:
            response = await self._http.get(f"{self._base_url}/v1/offers", params={"region": region})
            response.raise_for_status()
        except httpx.HTTPError:
            logger.warning("catalog unavailable, serving last known offers for %s", region, exc_info=True)
            cached = await self._redis.get(cache_key)
            if cached is None:
                raise UpstreamUnavailableError("store temporarily unavailable") from None
            return [Offer.model_validate(item) for item in json.loads(cached)]
        payload = response.json()
        await self._redis.set(cache_key, json.dumps(payload), ex=3600)
        return [Offer.model_validate(item) for item in payload]

    async def featured(self, region: str) -> list[Offer]:
        response = await self._http.get(f"{self._base_url}/v1/featured", params={"region": region})
        response.raise_for_status()
        return [Offer.model_validate(item) for item in response.json()]
