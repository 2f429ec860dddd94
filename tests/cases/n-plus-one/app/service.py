"""Business logic: loops that query per item, and the correct forms beside them."""
from __future__ import annotations

import asyncio

from app.clients import Hooks, PriceClient, cache
from app.db import Repo

STATUSES = ("new", "paid", "shipped")


class OrderService:
    def __init__(self, repo: Repo, prices: PriceClient, hooks: Hooks) -> None:
        self.repo = repo
        self.prices = prices
        self.hooks = hooks

    async def order_total(self, order_id: int) -> float:
        lines = await self.repo.list_order_lines(order_id)
        total = 0.0
        for line in lines:
            product = await self.repo.get_product(line["product_id"])  # expect: n-plus-one
            total += product["price"] * line["quantity"]
        return total

    async def order_total_batched(self, order_id: int) -> float:
        lines = await self.repo.list_order_lines(order_id)
        products = await self.repo.get_products_by_ids([line["product_id"] for line in lines])
        return sum(products[line["product_id"]]["price"] * line["quantity"] for line in lines)

    async def products(self, ids: list[int]):
        return [await self.repo.get_product(product_id) for product_id in ids]  # expect: n-plus-one

    async def _describe(self, product_id: int) -> str:
        product = await self.repo.get_product(product_id)
        return product["name"]

    async def describe_all(self, ids: list[int]) -> list[str]:
        return await asyncio.gather(*[self._describe(product_id) for product_id in ids])  # expect: n-plus-one

    async def record(self, events: list[tuple[str, str]]) -> None:
        for kind, payload in events:
            await self.repo.insert_event(kind, payload)  # expect: n-plus-one

    async def record_batched(self, events: list[tuple[str, str]]) -> None:
        await self.repo.insert_events(events)

    async def status_counts(self) -> dict[str, int]:
        return {status: await self.repo.count_by_status(status) for status in STATUSES}

    async def status_counts_literal(self) -> dict[str, int]:
        counts = {}
        for status in ("new", "paid"):
            counts[status] = await self.repo.count_by_status(status)
        return counts

    async def with_retry(self, product_id: int):
        for attempt in range(3):
            try:
                return await self.repo.get_product(product_id)
            except OSError:
                await asyncio.sleep(attempt)
        return None

    async def by_chunks(self, ids: list[int]):
        found = []
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            found.extend(await self.repo.products_page(chunk))
        return found

    async def poll(self) -> None:
        while True:
            await self.repo.count_by_status("new")
            await asyncio.sleep(5)

    async def quotes(self, symbols: list[str]) -> dict[str, float]:
        return {symbol: await self.prices.price(symbol) for symbol in symbols}  # expect: n-plus-one

    async def quotes_batched(self, symbols: list[str]) -> dict[str, float]:
        return await self.prices.prices(symbols)

    async def notify(self, subscribers: list[dict]) -> None:
        for subscriber in subscribers:
            await self.hooks.deliver(subscriber["url"], {"event": "ping"})

    async def cached_names(self, keys: list[str]) -> list[str]:
        names = []
        for key in keys:
            names.append(await cache.get(f"name:{key}"))  # expect: n-plus-one
        return names

    async def cached_names_batched(self, keys: list[str]) -> list[str]:
        return await cache.mget([f"name:{key}" for key in keys])
