"""Per-permit locks handed out by a registry object."""
import asyncio


class PermitLocks:
    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}

    def lock_for(self, permit_id: int) -> asyncio.Lock:
        return self._locks.setdefault(permit_id, asyncio.Lock())


permit_locks = PermitLocks()
journal_lock = asyncio.Lock()
