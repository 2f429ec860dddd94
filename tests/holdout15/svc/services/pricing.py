"""Prices, fees, surge and promotions."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Final, Protocol

from svc.db.stores import Database
from svc.errors import Conflict, NotFound

SERVICE_FEE_BPS: Final = 500
BASE_DELIVERY_FEE_CENTS: Final = 299
MAX_SURGE: Final = 3.0

_surge_by_zone: dict[str, float] = {}


class PricedLine(Protocol):
    quantity: int
    unit_price_cents: int


def set_surge(zone: str, multiplier: float) -> None:
    _surge_by_zone[zone] = min(max(multiplier, 1.0), MAX_SURGE)


def delivery_fee(zone: str) -> int:
    return round(BASE_DELIVERY_FEE_CENTS * _surge_by_zone.get(zone, 1.0))


def subtotal(lines: Sequence[PricedLine]) -> int:
    return sum(line.quantity * line.unit_price_cents for line in lines)


def compute_total(lines: Sequence[PricedLine], delivery_fee_cents: int, tip_cents: int = 0) -> int:
    items = subtotal(lines)
    service_fee = items * SERVICE_FEE_BPS // 10_000
    return items + service_fee + delivery_fee_cents + tip_cents


class PromoService:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def redeem(self, code: str, subtotal_cents: int) -> int:
        """Consume one use of the code and return the discount in cents."""
        async with self._db.connection() as conn:
            promo = await conn.fetchrow(
                "SELECT code, percent_off, uses, max_uses, expires_at FROM promo_codes WHERE code = $1", code
            )
            if promo is None or promo["expires_at"] < datetime.now(UTC):
                raise NotFound("promo code is not valid")
            if promo["uses"] >= promo["max_uses"]:
                raise Conflict("promo code has been fully redeemed")
            await conn.execute("UPDATE promo_codes SET uses = uses + 1 WHERE code = $1", code)
        return subtotal_cents * promo["percent_off"] // 100

    async def debit_gift_card(self, code: str, amount_cents: int) -> int:
        async with self._db.connection() as conn:
            row = await conn.fetchrow(
                "UPDATE gift_cards SET balance_cents = balance_cents - $2 "
                "WHERE code = $1 AND balance_cents >= $2 RETURNING balance_cents",
                code,
                amount_cents,
            )
        if row is None:
            raise Conflict("gift card balance is insufficient")
        return int(row["balance_cents"])
