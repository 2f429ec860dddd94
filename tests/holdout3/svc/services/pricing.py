"""Fees, tax and currency conversion for carts and refunds."""
from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final

from svc.clients.fx import FxClient
from svc.clients.tax import TaxClient
from svc.db.models import Buyer, Listing, OrderItem
from svc.errors import DomainError

CURRENCY_EXPONENTS: Final[dict[str, int]] = {"USD": 2, "EUR": 2, "GBP": 2, "SEK": 2, "CHF": 2, "JPY": 0}

FEE_OVERRIDES: dict[int, int] = {}


def set_fee_override(seller_id: int, bps: int | None) -> None:
    if bps is None:
        FEE_OVERRIDES.pop(seller_id, None)
    else:
        FEE_OVERRIDES[seller_id] = bps


class FeeCalculator:
    """Platform fee in basis points: per-seller override, else category schedule, else default."""

    def __init__(self, default_bps: int, schedule: Mapping[str, int]) -> None:
        self._default_bps = default_bps
        self._schedule = dict(schedule)

    def fee_bps(self, seller_id: int, category: str) -> int:
        override = FEE_OVERRIDES.get(seller_id)
        if override is not None:
            return override
        path = category
        while path:
            if path in self._schedule:
                return self._schedule[path]
            path = path.rpartition("/")[0]
        return self._default_bps

    def platform_fee(self, seller_id: int, category: str, amount_minor: int) -> int:
        return amount_minor * self.fee_bps(seller_id, category) // 10_000


@dataclass(frozen=True)
class CartLine:
    listing_id: int
    quantity: int


@dataclass
class PricedLine:
    listing_id: int
    seller_id: int
    title: str
    quantity: int
    unit_price_minor: int
    tax_minor: int
    fee_minor: int


@dataclass
class PricedCart:
    currency: str
    lines: list[PricedLine] = field(default_factory=list)

    @property
    def subtotal_minor(self) -> int:
        return sum(line.unit_price_minor * line.quantity for line in self.lines)

    @property
    def tax_minor(self) -> int:
        return sum(line.tax_minor for line in self.lines)

    @property
    def fee_minor(self) -> int:
        return sum(line.fee_minor for line in self.lines)

    @property
    def total_minor(self) -> int:
        return self.subtotal_minor + self.tax_minor


def _tax_for_amount(tax: TaxClient, buyer: Buyer, category: str, amount_minor: int) -> int:
    quote = tax.quote(
        country=buyer.country, postal_code=buyer.postal_code, amount_minor=amount_minor, category=category
    )
    return quote.amount_minor


def price_cart(
    lines: Sequence[CartLine],
    listings: Mapping[int, Listing],
    buyer: Buyer,
    fees: FeeCalculator,
    tax: TaxClient,
) -> PricedCart:
    currencies = {listings[line.listing_id].currency for line in lines}
    if len(currencies) != 1:
        raise DomainError("all items in a cart must share one currency", code="mixed_currency")
    cart = PricedCart(currency=currencies.pop())
    for line in lines:
        listing = listings[line.listing_id]
        amount = listing.price_minor * line.quantity
        cart.lines.append(
            PricedLine(
                listing_id=listing.id,
                seller_id=listing.seller_id,
                title=listing.title,
                quantity=line.quantity,
                unit_price_minor=listing.price_minor,
                tax_minor=_tax_for_amount(tax, buyer, listing.category, amount),
                fee_minor=fees.platform_fee(listing.seller_id, listing.category, amount),
            )
        )
    return cart


def line_tax(tax: TaxClient, buyer: Buyer, listing: Listing, quantity: int) -> int:
    return _tax_for_amount(tax, buyer, listing.category, listing.price_minor * quantity)


def refund_tax(tax: TaxClient, buyer: Buyer, item: OrderItem, category: str, quantity: int) -> int:
    """Tax to give back for `quantity` units of an item, pro rata to what was charged."""
    if item.quantity == 0:
        return 0
    if quantity == item.quantity:
        return item.tax_minor
    recomputed = _tax_for_amount(tax, buyer, category, item.unit_price_minor * quantity)
    return min(recomputed, item.tax_minor)


class RateCache:
    """Per-process FX rates with a TTL; one refresh at a time."""

    def __init__(self, fx: FxClient, ttl: float = 300.0) -> None:
        self._fx = fx
        self._ttl = ttl
        self._rates: dict[str, tuple[float, dict[str, Decimal]]] = {}
        self._lock = asyncio.Lock()

    async def rates(self, base: str) -> dict[str, Decimal]:
        async with self._lock:
            entry = self._rates.get(base)
            if entry is None or time.monotonic() - entry[0] > self._ttl:
                entry = (time.monotonic(), await self._fx.latest(base))
                self._rates[base] = entry
            return dict(entry[1])

    async def convert(self, amount_minor: int, source: str, target: str) -> int:
        if source == target:
            return amount_minor
        rate = (await self.rates(source))[target]
        major = Decimal(amount_minor).scaleb(-CURRENCY_EXPONENTS[source]) * rate
        return int(major.scaleb(CURRENCY_EXPONENTS[target]).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
