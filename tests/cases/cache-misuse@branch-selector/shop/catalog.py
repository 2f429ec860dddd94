from __future__ import annotations

from decimal import Decimal


class Catalog:
    async def prices(self, product_id: int) -> dict:
        return {"product": product_id, "amount": "10.00"}

    async def base_price(self, sku: str) -> Decimal:
        return Decimal("10")


def convert(prices: dict, currency: str) -> dict:
    return {**prices, "currency": currency}


def with_vat(amount: Decimal) -> Decimal:
    return amount * Decimal("1.2")
