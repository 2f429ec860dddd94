"""Quotes: availability + price + one-way fee, cached for the checkout flow."""
from __future__ import annotations

import json
import logging
import uuid
from datetime import datetime, timezone
from typing import Any

import redis.asyncio as aioredis

from ..cache import get_cached_quote, store_quote
from ..repositories import BranchRepository
from .availability import AvailabilityService
from .errors import NoAvailability, QuoteExpired, UnknownBranch
from .pricing import PricingService
from .surcharges import one_way_fee

logger = logging.getLogger(__name__)


class QuoteService:
    def __init__(
        self,
        pricing: PricingService,
        availability: AvailabilityService,
        branches: BranchRepository,
        redis: aioredis.Redis,
    ) -> None:
        self._pricing = pricing
        self._availability = availability
        self._branches = branches
        self._redis = redis

    async def quote(
        self,
        *,
        pickup_branch_id: str,
        return_branch_id: str,
        vehicle_class: str,
        starts_at: datetime,
        ends_at: datetime,
    ) -> dict[str, Any]:
        cached = await get_cached_quote(self._redis, pickup_branch_id, vehicle_class, starts_at, ends_at)
        if cached is not None and cached["return_branch_id"] == return_branch_id:
            return cached

        pickup = await self._branches.get(pickup_branch_id)
        if pickup is None:
            raise UnknownBranch(pickup_branch_id)
        free = await self._availability.search(pickup_branch_id, vehicle_class, starts_at, ends_at)
        if not free:
            raise NoAvailability(f"no {vehicle_class} free at {pickup_branch_id}")

        await self._pricing.record_search(pickup_branch_id, vehicle_class, starts_at)
        price = await self._pricing.quote_price(vehicle_class, starts_at, ends_at, branch_id=pickup_branch_id, country=pickup.country)
        one_way = await one_way_fee(self._branches, pickup, return_branch_id)

        quote = {
            "id": uuid.uuid4().hex,
            "pickup_branch_id": pickup_branch_id,
            "return_branch_id": return_branch_id,
            "vehicle_class": vehicle_class,
            "vehicle_id": free[0]["vehicle_id"] if pickup_branch_id.endswith("-SHR") else None,
            "starts_at": starts_at.isoformat(),
            "ends_at": ends_at.isoformat(),
            "one_way_cents": one_way,
            "total_cents": price["total_cents"] + one_way,
            "deposit_cents": price["deposit_cents"],
            "price": price,
            "issued_at": datetime.now(timezone.utc).isoformat(),
        }
        await store_quote(self._redis, quote, starts_at, ends_at)
        await self._redis.incr(f"metrics:quotes:{starts_at:%Y-%m-%d}")
        return quote

    async def load(self, quote_id: str) -> dict[str, Any]:
        raw = await self._redis.get(f"quote:id:{quote_id}")
        if raw is None:
            raise QuoteExpired(quote_id)
        return json.loads(raw)
