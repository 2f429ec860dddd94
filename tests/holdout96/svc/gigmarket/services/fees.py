from __future__ import annotations

import functools
import logging
from decimal import ROUND_HALF_UP, Decimal

from ..clients.fx import FxClient
from ..errors import FxUnavailable
from ..utils.money import CENT

logger = logging.getLogger(__name__)

DEFAULT_RATE = Decimal("0.10")
_FEE_OVERRIDES: dict[int, Decimal] = {}


def set_fee_override(client_id: int, rate: Decimal) -> None:
    _FEE_OVERRIDES[client_id] = rate


def fee_rate_for(client_id: int) -> Decimal:
    return _FEE_OVERRIDES.get(client_id, DEFAULT_RATE)


@functools.lru_cache(maxsize=64)
def currency_exponent(code: str) -> int:
    return 0 if code.upper() in {"JPY", "KRW", "VND"} else 2


@functools.cache
def tiered_rate(freelancer_id: int, lifetime_billed_cents: int) -> Decimal:
    """Sliding fee: 20% on the first $500 billed with a client, 10% up to $10k, 5% beyond."""
    if lifetime_billed_cents < 50_000:
        return Decimal("0.20")
    if lifetime_billed_cents < 1_000_000:
        return Decimal("0.10")
    return Decimal("0.05")


def compute_service_fee(amount: Decimal, rate: Decimal) -> Decimal:
    return (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def build_fee_breakdown(gross: Decimal, rate: Decimal, currency: str) -> dict[str, str]:
    fee = compute_service_fee(gross, rate)
    return {"gross": str(gross), "fee": str(fee), "net": str(gross - fee), "currency": currency, "rate": str(rate)}


class FeeService:
    def __init__(self, fx: FxClient) -> None:
        self.fx = fx

    async def convert(self, amount: Decimal, source: str, target: str) -> Decimal:
        try:
            rate = await self.fx.get_rate(source, target)
        except KeyError:
            raise FxUnavailable(f"no conversion rate for {source}->{target}")
        return (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP)

    async def quote(self, client_id: int, amount: Decimal, currency: str, display_currency: str) -> dict[str, str]:
        breakdown = build_fee_breakdown(amount, fee_rate_for(client_id), currency)
        if display_currency != currency:
            rate = await self.fx.get_rate(currency, display_currency)
            breakdown["display_total"] = str((amount * rate).quantize(CENT))
            breakdown["display_currency"] = display_currency
        return breakdown
