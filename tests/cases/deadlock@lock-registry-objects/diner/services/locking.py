"""Per-key asyncio locks handed out by small registry objects.

Convention: table lock first, then booking lock.
"""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class LockRegistry:
    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}

    def _lock_for(self, key: str) -> asyncio.Lock:
        return self._locks.setdefault(key, asyncio.Lock())

    @asynccontextmanager
    async def held(self, key: str) -> AsyncIterator[None]:
        lock = self._lock_for(key)
        await lock.acquire()
        try:
            yield
        finally:
            lock.release()


_tables = LockRegistry()
_bookings = LockRegistry()
_guests = LockRegistry()


def table_lock(table_id: str):
    return _tables.held(table_id)


def booking_lock(booking_id: str):
    return _bookings.held(booking_id)


def guest_lock(guest_id: str):
    return _guests.held(guest_id)
