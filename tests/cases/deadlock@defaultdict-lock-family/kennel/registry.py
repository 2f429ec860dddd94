"""Per-key lock tables shared by the booking services."""
import asyncio
import collections


class LockTable:
    """One lock per key, made on first use."""

    def __init__(self) -> None:
        self._table = collections.defaultdict(asyncio.Lock)

    def lock_for(self, key: str) -> asyncio.Lock:
        return self._table[key]


pet_locks = LockTable()
kennel_locks = collections.defaultdict(asyncio.Lock)
