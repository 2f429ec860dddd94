"""Shopping carts, kept in redis for six hours of inactivity."""
from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException
from redis.asyncio import Redis

from svc.repositories.menus import MenuRepository

CART_TTL_SECONDS = 6 * 60 * 60


@dataclass(frozen=True, slots=True)
class CartLine:
    item_id: int
    name: str
    quantity: int
    unit_price_cents: int


class CartService:
    def __init__(self, redis: Redis, menus: MenuRepository) -> None:
        self._redis = redis
        self._menus = menus

    @staticmethod
    def _key(customer_id: int) -> str:
        return f"cart:{customer_id}"

    async def add(self, customer_id: int, restaurant_id: int, item_id: int, quantity: int) -> None:
        key = self._key(customer_id)
        owner = await self._redis.hget(f"{key}:meta", "restaurant_id")
        if owner is not None and int(owner) != restaurant_id:
            raise HTTPException(status_code=409, detail="cart holds items from another restaurant")
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hincrby(key, str(item_id), quantity)
            pipe.hset(f"{key}:meta", "restaurant_id", str(restaurant_id))
            pipe.expire(key, CART_TTL_SECONDS)
            pipe.expire(f"{key}:meta", CART_TTL_SECONDS)
            await pipe.execute()

    async def touch(self, customer_id: int) -> None:
        key = self._key(customer_id)
        self._redis.expire(key, CART_TTL_SECONDS)
        await self._redis.expire(f"{key}:meta", CART_TTL_SECONDS)

    async def lines(self, customer_id: int) -> tuple[int | None, list[CartLine]]:
        key = self._key(customer_id)
        quantities = await self._redis.hgetall(key)
        owner = await self._redis.hget(f"{key}:meta", "restaurant_id")
        if not quantities or owner is None:
            return None, []
        items = await self._menus.items_by_ids([int(item_id) for item_id in quantities])
        lines = [
            CartLine(item_id=item.id, name=item.name, quantity=int(quantities[str(item.id)]),
                     unit_price_cents=item.price_cents)
            for item in items.values()
            if item.is_available
        ]
        return int(owner), lines

    async def clear(self, customer_id: int) -> None:
        key = self._key(customer_id)
        await self._redis.delete(key, f"{key}:meta")
