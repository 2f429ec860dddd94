import asyncio


class BlockLocks:
    """Per-block asyncio locks, made on first use and shared by the services."""

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}

    def block(self, block_id: int) -> asyncio.Lock:
        lock = self._locks.get(block_id)
        if lock is None:
            lock = self._locks[block_id] = asyncio.Lock()
        return lock
