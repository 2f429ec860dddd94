"""Pricing engine: turns the investor rate sheet into borrower-level quotes."""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.pricing_feed import PricingFeed
from ..models import Application, PriceQuote
from ..repositories import RateLockRepository
from ..utils.money import amortization_schedule
from .locking import SHEET_LOCK, application_lock

LOCK_PERIODS = (15, 30, 45, 60)
_quote_cache: dict[tuple, list[dict[str, Any]]] = {}
_last_sheet: dict[str, Any] = {}


def _llpa(grid: dict[str, Any], fico: int, ltv: Decimal) -> Decimal:
    for band in grid["llpa"]:
        if band["fico_min"] <= fico <= band["fico_max"] and Decimal(band["ltv_min"]) <= ltv <= Decimal(band["ltv_max"]):
            return Decimal(band["adj"])
    return Decimal("0")


class PricingService:
    def __init__(self, session: AsyncSession, feed: PricingFeed, redis_client: redis.Redis) -> None:
        self.session = session
        self.feed = feed
        self.redis = redis_client
        self.locks = RateLockRepository(session)

    def _build_grid(self, sheet: dict[str, Any], app: Application, fico: int) -> list[dict[str, Any]]:
        ltv = app.loan_amount / app.property_value
        adj = _llpa(sheet, fico, ltv)
        rows = []
        for product in sheet["products"]:
            for rate_row in product["rates"]:
                rate = Decimal(rate_row["rate"])
                schedule = amortization_schedule(app.loan_amount, rate, product["term_months"])
                total_interest = sum(r["interest"] for r in schedule)
                for period in LOCK_PERIODS:
                    price = Decimal(rate_row["price"][str(period)]) + adj
                    rows.append(
                        {
                            "product": product["code"],
                            "rate": str(rate),
                            "lock_days": period,
                            "price": str(price),
                            "payment": str(schedule[0]["payment"]),
                            "total_interest": str(total_interest),
                        }
                    )
        return rows

    async def quote(self, app: Application, fico: int) -> list[dict[str, Any]]:
        cache_key = (app.product_code, app.property_state, str(app.loan_amount), str(app.property_value), fico)
        if cache_key in _quote_cache:
            return _quote_cache[cache_key]
        sheet = await self.feed.current_sheet()
        _last_sheet.clear()
        _last_sheet.update(sheet)
        rows = self._build_grid(sheet, app, fico)
        best = self._best_by_product(rows)
        _quote_cache[cache_key] = best
        await self.redis.set(f"quote:{app.id}", json.dumps(best))
        return best

    @staticmethod
    def _best_by_product(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        best: dict[tuple[str, int], dict[str, Any]] = {}
        for row in rows:
            key = (row["product"], row["lock_days"])
            current = best.get(key)
            if current is None or Decimal(row["price"]) > Decimal(current["price"]):
                best[key] = row
        return sorted(best.values(), key=lambda r: (r["product"], r["lock_days"]))

    async def save_quote(self, app: Application, row: dict[str, Any], sheet_version: str) -> PriceQuote:
        quote = PriceQuote(
            application_id=app.id,
            product_code=row["product"],
            note_rate=Decimal(row["rate"]),
            price=Decimal(row["price"]),
            sheet_version=sheet_version,
        )
        self.session.add(quote)
        await self.session.flush()
        return quote

    async def refresh_sheet(self, affected_application_ids: list[int]) -> int:
        repriced = 0
        async with SHEET_LOCK:
            sheet = await self.feed.current_sheet()
            _quote_cache.clear()
            for app_id in affected_application_ids:
                async with application_lock(app_id):
                    lock = await self.locks.active_for(app_id)
                    if lock is not None and lock.status == "active":
                        repriced += 1
            await self.redis.set("pricing:sheet:version", sheet.get("version", "unknown"), ex=3600)
        return repriced
