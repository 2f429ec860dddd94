"""Nightly price calendars, built per request."""
from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from pricing.repo import PlanRepository


class CalendarService:
    _memo: dict[tuple[int, date], list[dict[str, Any]]] = {}  # expect: unbounded-cache

    def __init__(self, repo: PlanRepository) -> None:
        self._repo = repo

    async def month(self, room_id: int, start: date) -> list[dict[str, Any]]:
        key = (room_id, start)
        if key not in self._memo:
            plans = await self._repo.for_month(room_id, start)
            self._memo[key] = [{"date": p["day"], "price": p["price"]} for p in plans]
        return self._memo[key]


class QuoteService:
    _quotes: dict[int, float] = {}

    def __init__(self, repo: PlanRepository) -> None:
        self._repo = repo
        self._quotes = {}

    async def quote(self, room_id: int) -> float:
        if room_id not in self._quotes:
            self._quotes[room_id] = await self._repo.base_price(room_id)
        return self._quotes[room_id]


class SearchFilters(BaseModel):
    prices: dict[int, float] = {}

    def remember(self, room_id: int, price: float) -> None:
        if room_id not in self.prices:
            self.prices[room_id] = price


class FxTable:
    _cache: dict[str, float] = {}

    def __init__(self, repo: PlanRepository) -> None:
        self._repo = repo

    async def rate(self, currency: str) -> float:
        if currency not in self._cache:
            if len(self._cache) > 64:
                self._cache.clear()
            self._cache[currency] = await self._repo.fx(currency)
        return self._cache[currency]
