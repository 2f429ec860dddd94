"""Per-key asyncio locks for this process."""
import asyncio
from collections import defaultdict
from contextlib import asynccontextmanager


class LockTable:
    def __init__(self) -> None:
        self._entries: dict[str, asyncio.Lock] = {}

    @asynccontextmanager
    async def acquire_key(self, key: str):
        lock = self._entries.setdefault(key, asyncio.Lock())
        async with lock:
            yield


lock_table = LockTable()
_wallet_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)


def wallet_lock(wallet_id: int) -> asyncio.Lock:
    return _wallet_locks[wallet_id]
