from __future__ import annotations

import copy
import logging
from decimal import Decimal
from functools import lru_cache
from typing import Any

from svc.cache.redis import JsonCache
from svc.odds.repository import OddsRepository

logger = logging.getLogger(__name__)

_last_prices: dict[int, Decimal] = {}

BASE_MARGIN = {
    "football": Decimal("0.045"),
    "tennis": Decimal("0.050"),
    "basketball": Decimal("0.040"),
}
DEFAULT_MARGIN = Decimal("0.060")
IN_PLAY_UPLIFT = Decimal("0.015")


@lru_cache(maxsize=64)
def sport_margin(sport: str, in_play: bool) -> Decimal:
    base = BASE_MARGIN.get(sport, DEFAULT_MARGIN)
    return base + IN_PLAY_UPLIFT if in_play else base


@lru_cache(maxsize=None)
def event_margin(sport: str, event_id: int, market: str, segment: str, in_play: bool) -> Decimal:
    margin = sport_margin(sport, in_play)
    if segment == "sharp":
        margin += Decimal("0.02")
    elif segment == "vip":
        margin -= Decimal("0.01")
    if market in {"correct_score", "first_goalscorer"}:
        margin *= 2
    return max(margin, Decimal("0.01"))


def apply_margin(price: Decimal, margin: Decimal) -> Decimal:
    if price <= 1:
        return price
    prob = Decimal(1) / price
    adjusted = prob * (1 + margin)
    return max(Decimal("1.01"), (Decimal(1) / adjusted).quantize(Decimal("0.01")))


class OddsService:
    def __init__(self, repo: OddsRepository, cache: JsonCache) -> None:
        self._repo = repo
        self._cache = cache
        self._event_books: dict[int, dict[str, Any]] = {}

    async def event_book(self, event_id: int) -> dict[str, Any]:
        """All open markets for an event, grouped by market name."""
        book = self._event_books.get(event_id)
        if book is not None:
            return book
        rows = await self._repo.selections_for_event(event_id)
        book = {"event_id": event_id, "markets": {}}
        for r in rows:
            book["markets"].setdefault(r["market"], []).append(
                {"id": r["id"], "name": r["name"], "price": str(r["price"]), "status": r["status"]}
            )
        self._event_books[event_id] = book
        return book

    async def event_book_with_margin(self, event_id: int, margin: Decimal) -> dict[str, Any]:
        book = await self.event_book(event_id)
        for selections in book["markets"].values():
            for sel in selections:
                sel["price"] = str((Decimal(sel["price"]) * (1 - margin)).quantize(Decimal("0.01")))
        return book

    async def featured(self, sport: str) -> list[dict[str, Any]]:
        cached = await self._cache.get(f"featured:{sport}")
        if cached is not None:
            return copy.deepcopy(cached)
        return []

    def invalidate_event(self, event_id: int) -> None:
        self._event_books.pop(event_id, None)

    async def current_prices(self, selection_ids: list[int]) -> dict[int, Decimal]:
        prices = await self._repo.prices_for(selection_ids)
        for sel_id, price in prices.items():
            _last_prices[sel_id] = price
        return prices

    def price_moved(self, selection_id: int, requested: Decimal, tolerance: Decimal) -> bool:
        last = _last_prices.get(selection_id)
        if last is None:
            return False
        return abs(last - requested) > tolerance
