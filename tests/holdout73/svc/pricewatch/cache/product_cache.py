from __future__ import annotations

import json
import logging
from decimal import Decimal

import redis.asyncio as redis
from cachetools import TTLCache
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pricewatch.db.models import Product

log = logging.getLogger(__name__)


def _card_from_product(product: Product) -> dict:
    return {
        "id": product.id,
        "title": product.title,
        "image_url": product.image_url,
        "price": str(product.last_price) if product.last_price is not None else None,
        "lowest_price": str(product.lowest_price) if product.lowest_price is not None else None,
        "currency": product.currency,
        "url": product.canonical_url,
    }


class ProductCache:
    """Two-level cache for product cards: a small per-process L1 in front of redis."""

    def __init__(
        self,
        client: redis.Redis,
        sessionmaker: async_sessionmaker[AsyncSession],
        ttl: int = 300,
    ) -> None:
        self._redis = client
        self._sessionmaker = sessionmaker
        self._ttl = ttl
        self._l1: TTLCache[str, dict] = TTLCache(maxsize=10_000, ttl=30)

    @staticmethod
    def card_key(product_id: int) -> str:
        return f"card:{product_id}"

    async def _load(self, product_id: int) -> dict | None:
        async with self._sessionmaker() as session:
            product = await session.get(Product, product_id)
            return _card_from_product(product) if product else None

    async def get_card(self, product_id: int) -> dict | None:
        key = self.card_key(product_id)
        entry = self._l1.get(key)
        if entry is not None:
            return dict(entry)
        try:
            raw = await self._redis.get(key)
        except redis.RedisError as exc:
            log.warning("redis unavailable for %s, reading from postgres: %s", key, exc)
            return await self._load(product_id)
        if raw is not None:
            card = json.loads(raw)
        else:
            card = await self._load(product_id)
            if card is None:
                return None
            await self._redis.set(key, json.dumps(card), ex=self._ttl)
        self._l1[key] = card
        return dict(card)

    async def invalidate(self, product_id: int) -> None:
        key = self.card_key(product_id)
        self._l1.pop(key, None)
        try:
            await self._redis.delete(key)
        except (redis.RedisError, OSError) as exc:
            log.warning("could not invalidate %s: %s", key, exc)


class ConvertedCardCache:
    """Cards with prices converted to the viewer's currency (extension popup)."""

    def __init__(self, client: redis.Redis, ttl: int = 120) -> None:
        self._redis = client
        self._ttl = ttl

    async def get(self, product_id: int, currency: str) -> dict | None:
        raw = await self._redis.get(f"xcard:{product_id}")
        return json.loads(raw) if raw else None

    async def put(self, product_id: int, currency: str, card: dict, price: Decimal) -> None:
        payload = {**card, "price": str(price), "currency": currency}
        await self._redis.set(f"xcard:{product_id}", json.dumps(payload), ex=self._ttl)
