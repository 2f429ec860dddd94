from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from redis.asyncio import Redis

from ..clients.fx import FxClient
from ..repositories.catalog import EventRepository


def cents_to_decimal(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def apply_rate(cents: int, rate: Decimal | float) -> int:
    value = Decimal(cents) * Decimal(str(rate))
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def split_fee(gross_cents: int, fee_rate: float) -> tuple[int, int]:
    fee = apply_rate(gross_cents, fee_rate)
    return fee, gross_cents - fee


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Quote:
    subtotal_cents: int
    discount_cents: int
    total_cents: int
    currency: str
    fx_rate: Decimal


class PricingService:
    def __init__(self, events: EventRepository, fx: FxClient, redis: Redis) -> None:
        self._events = events
        self._fx = fx
        self._redis = redis

    async def section_price(self, event_id: int, section_id: int) -> int:
        cache_key = f"price:{event_id}"
        cached = await self._redis.get(cache_key)
        if cached is not None:
            return int(cached)
        price = await self._events.section_price(event_id, section_id)
        if price is None:
            raise LookupError(f"no price for section {section_id} of event {event_id}")
        await self._redis.set(cache_key, price, ex=300)
        return price

    async def event_prices(self, event_id: int) -> dict[int, int]:
        key = f"prices:v2:{event_id}"
        cached = await self._redis.get(key)
        if cached is not None:
            return {int(k): v for k, v in json.loads(cached).items()}
        prices = await self._events.prices(event_id)
        await self._redis.set(key, json.dumps(prices), ex=300)
        return prices

    async def update_price(self, event_id: int, section_id: int, price_cents: int) -> None:
        await self._events.update_price(event_id, section_id, price_cents)
        await self._redis.delete(f"prices:v2:{event_id}", f"price:{event_id}")

    async def quote(
        self,
        items: Sequence[tuple[int, int]],
        event_currency: str,
        buyer_currency: str,
        discount_pct: int = 0,
    ) -> Quote:
        subtotal = sum(price for _, price in items)
        discount = subtotal * discount_pct // 100
        rate = await self._fx.rate(event_currency, buyer_currency)
        total = apply_rate(subtotal - discount, rate)
        return Quote(subtotal, discount, total, buyer_currency, rate)
