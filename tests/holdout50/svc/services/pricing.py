"""Lift ticket pricing: dynamic prices from the revenue system, rack rates as fallback."""
from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal

import httpx

from ..config import Settings
from ..schemas import TicketQuote

log = logging.getLogger(__name__)

RACK_RATES: dict[str, Decimal] = {
    "DAY-ADULT": Decimal("189.00"),
    "DAY-CHILD": Decimal("119.00"),
    "DAY-SENIOR": Decimal("149.00"),
    "HALF-ADULT": Decimal("139.00"),
    "HALF-CHILD": Decimal("89.00"),
    "HALF-SENIOR": Decimal("109.00"),
}
CENT = Decimal("0.01")

_quote_memo: dict[tuple[str, date, str, str | None], Decimal] = {}


def age_band(age: int) -> str:
    if age < 13:
        return "CHILD"
    if age >= 65:
        return "SENIOR"
    return "ADULT"


def rack_rate(product_code: str, age: int) -> Decimal:
    return RACK_RATES[f"{product_code}-{age_band(age)}"]


class PricingClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(base_url=settings.pricing_api_url)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def quote_many(self, quotes: list[TicketQuote]) -> list[Decimal]:
        uncached = [
            q for q in quotes
            if (q.product_code, q.valid_on, age_band(q.age), q.promo_code) not in _quote_memo
        ]
        if uncached:
            try:
                resp = await self._client.post(
                    "/quotes",
                    json=[
                        {
                            "product": q.product_code,
                            "date": q.valid_on.isoformat(),
                            "band": age_band(q.age),
                            "promo": q.promo_code,
                        }
                        for q in uncached
                    ],
                )
                resp.raise_for_status()
                prices = [Decimal(p["price"]) for p in resp.json()["prices"]]
            except (httpx.HTTPError, KeyError, ValueError):
                log.warning("dynamic pricing unavailable, using rack rates", exc_info=True)
                return [rack_rate(q.product_code, q.age) for q in quotes]
            for q, price in zip(uncached, prices, strict=True):
                _quote_memo[(q.product_code, q.valid_on, age_band(q.age), q.promo_code)] = price
        return [
            _quote_memo[(q.product_code, q.valid_on, age_band(q.age), q.promo_code)]
            for q in quotes
        ]


def line_total(unit_price: Decimal, quantity: int, tax_rate: Decimal) -> Decimal:
    gross = unit_price * quantity * (1 + tax_rate)
    return gross.quantize(CENT, rounding=ROUND_HALF_UP)
