"""Portfolio valuation and shelf views."""
from decimal import Decimal

from .client import RatesClient, StockClient


class Portfolio:
    def __init__(self, rates: RatesClient, stock: StockClient) -> None:
        self._rates = rates
        self._stock = stock

    async def total(self, wallets: list[dict], target: str) -> Decimal:
        total = Decimal(0)
        for wallet in wallets:
            rate = await self._rates.pair(wallet["currency"], target)  # expect: n-plus-one
            total += Decimal(wallet["balance"]) * rate
        return total

    async def indicative(self, wallets: list[dict], base: str) -> Decimal:
        rates = await self._rates.latest(base)
        return sum((Decimal(w["balance"]) / rates[w["currency"]] for w in wallets), Decimal(0))

    async def shelf(self, skus: list[str]) -> dict[str, int]:
        return {sku: await self._stock.level(sku) for sku in skus}  # expect: n-plus-one

    async def shelf_batched(self, skus: list[str]) -> dict[str, int]:
        return await self._stock.levels(skus)

    async def reorder(self, skus: list[str]) -> list[dict]:
        out = []
        for sku in skus:
            out.append(await self._stock._request("POST", path=f"/stock/{sku}/reorder"))  # expect: n-plus-one
        return out

    async def probe(self, regions: list[str]) -> list[bool]:
        return [await self._stock.health() for _ in regions]
