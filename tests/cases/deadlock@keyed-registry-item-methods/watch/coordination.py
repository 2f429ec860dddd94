"""Per-record locks kept in one table, one key namespace per kind of record (product, then user)."""
import asyncio
from collections import defaultdict


class KeyedLocks:
    def __init__(self) -> None:
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    def product(self, product_id: int) -> asyncio.Lock:
        return self._locks[f"product:{product_id}"]

    def user(self, user_id: int) -> asyncio.Lock:
        return self._locks[f"user:{user_id}"]


locks = KeyedLocks()
