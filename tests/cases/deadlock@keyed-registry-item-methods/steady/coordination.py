"""The same table, taken in one order everywhere, and a pass-through getter (one family of keys)."""
import asyncio
from collections import defaultdict


class KeyedLocks:
    def __init__(self) -> None:
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    def get(self, key: str) -> asyncio.Lock:
        return self._locks[key]

    def order(self, order_id: int) -> asyncio.Lock:
        return self._locks[f"order:{order_id}"]

    def courier(self, courier_id: int) -> asyncio.Lock:
        return self._locks[f"courier:{courier_id}"]


locks = KeyedLocks()
