"""Ticket prices: dynamic tier prices plus service fees."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from svc.clients.pricing import PricingClient

FEE_TABLE: dict[str, tuple[Decimal, Decimal]] = {
    "standard": (Decimal("1.50"), Decimal("0.05")),
    "premium": (Decimal("2.50"), Decimal("0.06")),
    "vip": (Decimal("5.00"), Decimal("0.08")),
}

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Quote:
    event_id: int
    lines: tuple[tuple[str, int, Decimal], ...]
    fees: Decimal
    total: Decimal


class PriceCalculator:
    def __init__(self, client: PricingClient, currency: str = "EUR") -> None:
        self._client = client
        self.currency = currency

    @lru_cache(maxsize=None)
    def fee_for(self, tier: str, quantity: int, unit_price: Decimal) -> Decimal:
        flat, pct = FEE_TABLE.get(tier, FEE_TABLE["standard"])
        return ((flat + unit_price * pct) * quantity).quantize(CENT, rounding=ROUND_HALF_UP)

    async def quote(self, event_id: int, tiers: dict[str, int], discount_pct: int = 0) -> Quote:
        prices = await self._client.tier_prices(event_id)
        lines = []
        fees = Decimal("0")
        for tier, qty in sorted(tiers.items()):
            unit = prices[tier] * (100 - discount_pct) / 100
            lines.append((tier, qty, unit.quantize(CENT)))
            fees += self.fee_for(tier, qty, unit)
        subtotal = sum((unit * qty for _, qty, unit in lines), Decimal("0"))
        return Quote(event_id, tuple(lines), fees, (subtotal + fees).quantize(CENT))
