"""Carts live in redis as one JSON document per customer."""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import redis.asyncio as redis
from redis.exceptions import WatchError

from svc.repos.menu_repo import MenuRepository

CART_TTL_S = 6 * 3600


class CartCorrupted(Exception):
    pass


class CartConflict(Exception):
    pass


def _key(customer_id: int) -> str:
    return f"cart:{customer_id}"


class CartService:
    def __init__(self, client: redis.Redis, menus: MenuRepository) -> None:
        self._redis = client
        self.menus = menus

    async def get(self, customer_id: int) -> dict[str, Any]:
        raw = await self._redis.get(_key(customer_id))
        if raw is None:
            return {"restaurant_id": None, "lines": []}
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            raise CartCorrupted(customer_id)

    async def add_item(self, customer_id: int, item_id: int, quantity: int) -> dict[str, Any]:
        item = await self.menus.get_item(item_id)
        if item is None or not item.is_available:
            raise LookupError(item_id)
        cart = await self.get(customer_id)
        if cart["restaurant_id"] not in (None, item.restaurant_id):
            cart = {"restaurant_id": None, "lines": []}
        cart["restaurant_id"] = item.restaurant_id
        for line in cart["lines"]:
            if line["item_id"] == item_id:
                line["quantity"] += quantity
                break
        else:
            cart["lines"].append({"item_id": item_id, "quantity": quantity})
        await self._redis.set(_key(customer_id), json.dumps(cart), ex=CART_TTL_S)
        await self._bump_activity(customer_id)
        return cart

    async def remove_item(self, customer_id: int, item_id: int) -> dict[str, Any]:
        key = _key(customer_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            for _ in range(5):
                try:
                    await pipe.watch(key)
                    raw = await pipe.get(key)
                    cart = json.loads(raw) if raw else {"restaurant_id": None, "lines": []}
                    cart["lines"] = [line for line in cart["lines"] if line["item_id"] != item_id]
                    pipe.multi()
                    pipe.set(key, json.dumps(cart), ex=CART_TTL_S)
                    await pipe.execute()
                    return cart
                except WatchError:
                    continue
        raise CartConflict(customer_id)

    async def _bump_activity(self, customer_id: int) -> None:
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.hincrby("cart:activity", str(customer_id), 1)
            pipe.expire("cart:activity", CART_TTL_S)
            await pipe.execute()

    async def quote(self, customer_id: int) -> Decimal:
        current = await self.get(customer_id)
        items = await self.menus.get_items([line["item_id"] for line in current["lines"]])
        return sum(
            (items[ln["item_id"]].price * ln["quantity"] for ln in current["lines"] if ln["item_id"] in items),
            Decimal("0"),
        )

    async def clear(self, customer_id: int) -> None:
        await self._redis.delete(_key(customer_id))
