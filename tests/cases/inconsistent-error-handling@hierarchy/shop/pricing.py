"""Prices, quotas and carts."""
from __future__ import annotations

from pydantic import BaseModel, field_validator

from shop.errors import Conflict, NotFound


class PricingError(ValueError):  # expect: inconsistent-error-handling
    """A price rule cannot be applied."""


class QuotaExceeded(Exception):
    pass


class SkuError(LookupError):
    pass


class CartLocked(Conflict):
    pass


class WeightError(ValueError):
    pass


class ParseError(ValueError):
    pass


class Throttled(Exception):
    pass


class Item(BaseModel):
    sku: str
    grams: int

    @field_validator("grams")
    @classmethod
    def positive(cls, value: int) -> int:
        if value <= 0:
            raise WeightError("weight must be positive")
        return value


PRICES = {"apple": 120, "pear": 90}


def _parse_code(code: str) -> int:
    if not code.isdigit():
        raise ParseError(code)
    return int(code)


class PricingService:
    def __init__(self) -> None:
        self._used: dict[str, int] = {}
        self._locked: set[str] = set()

    async def price(self, sku: str, quantity: int) -> int:
        if quantity <= 0:
            raise PricingError("quantity must be positive")
        if sku not in PRICES:
            raise NotFound(f"no sku {sku}")
        return PRICES[sku] * quantity

    async def reserve(self, user: str, amount: int) -> None:
        if self._used.get(user, 0) + amount > 100:
            raise QuotaExceeded(user)
        self._used[user] = self._used.get(user, 0) + amount

    async def checkout(self, cart_id: str) -> None:
        if cart_id in self._locked:
            raise CartLocked(cart_id)
        self._locked.add(cart_id)

    async def discount(self, code: str) -> int:
        try:
            return _parse_code(code)
        except ValueError:
            return 0

    async def poll(self, user: str) -> None:
        if user.startswith("bot"):
            raise Throttled(user)


async def reindex() -> None:
    """Nightly job, never on a request."""
    for sku in PRICES:
        if not sku:
            raise SkuError(sku)
