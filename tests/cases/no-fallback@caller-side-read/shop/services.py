"""Pages that combine local data with partner answers."""
from __future__ import annotations

import httpx

from shop.memo import Memo
from shop.remote import FxApi, ReviewsApi, StatsApi


class CatalogService:
    def __init__(self, reviews: ReviewsApi) -> None:
        self._reviews = reviews

    async def product_page(self, product_id: int) -> dict:
        rating = await self._reviews.summary(product_id)  # expect: no-fallback
        return {"id": product_id, "rating": rating.get("average")}


class LeagueService:
    def __init__(self, stats: StatsApi) -> None:
        self._stats = stats
        self._memo = Memo(ttl=30)

    async def table(self, league: str) -> object:
        return await self._memo.get_or_compute(league, self._load_table)

    async def _load_table(self, league: str) -> list[dict]:
        rows = await self._stats.standings(league)  # expect: no-fallback
        return sorted(rows, key=lambda r: -r["points"])


class PricingService:
    def __init__(self, fx: FxApi) -> None:
        self._fx = fx
        self._last: dict[str, float] = {}

    async def price(self, amount: float, pair: str) -> float:
        try:
            rate = await self._fx.rate(pair)
        except httpx.HTTPError:
            rate = self._last.get(pair, 1.0)  # last known rate: a degraded answer
        self._last[pair] = rate
        return amount * rate
