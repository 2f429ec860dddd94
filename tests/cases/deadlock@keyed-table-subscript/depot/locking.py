"""Per-warehouse and per-bin locks, kept in plain tables."""
import asyncio
from collections import defaultdict

warehouse_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)


class BinLocks:
    def __init__(self) -> None:
        self._bin_locks: dict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
