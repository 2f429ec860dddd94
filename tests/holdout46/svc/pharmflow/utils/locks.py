"""Per-key asyncio locks used to serialise work on one lot or one patient inside a process."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from weakref import WeakValueDictionary

_lot_locks: WeakValueDictionary[str, asyncio.Lock] = WeakValueDictionary()
_patient_locks: WeakValueDictionary[int, asyncio.Lock] = WeakValueDictionary()


def _get(table: WeakValueDictionary, key) -> asyncio.Lock:
    lock = table.get(key)
    if lock is None:
        lock = asyncio.Lock()
        table[key] = lock
    return lock


@asynccontextmanager
async def lot_lock(ndc: str) -> AsyncIterator[None]:
    lock = _get(_lot_locks, ndc)
    async with lock:
        yield


@asynccontextmanager
async def patient_lock(patient_id: int) -> AsyncIterator[None]:
    lock = _get(_patient_locks, patient_id)
    async with lock:
        yield


@asynccontextmanager
async def lot_locks(ndcs: Iterable[str]) -> AsyncIterator[None]:
    """Acquire several lot locks in a fixed (sorted) order."""
    acquired: list[asyncio.Lock] = []
    try:
        for ndc in sorted(set(ndcs)):
            lock = _get(_lot_locks, ndc)
            await lock.acquire()
            acquired.append(lock)
        yield
    finally:
        for lock in reversed(acquired):
            lock.release()
