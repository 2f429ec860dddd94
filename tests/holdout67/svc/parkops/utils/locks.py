"""Per-key asyncio locks for zone and bay allocation in this process."""
from __future__ import annotations

import asyncio
import weakref

_zone_locks: "weakref.WeakValueDictionary[int, asyncio.Lock]" = weakref.WeakValueDictionary()
_bay_locks: "weakref.WeakValueDictionary[int, asyncio.Lock]" = weakref.WeakValueDictionary()


def zone_lock(zone_id: int) -> asyncio.Lock:
    lock = _zone_locks.get(zone_id)
    if lock is None:
        lock = asyncio.Lock()
        _zone_locks[zone_id] = lock
    return lock


def bay_lock(bay_id: int) -> asyncio.Lock:
    lock = _bay_locks.get(bay_id)
    if lock is None:
        lock = asyncio.Lock()
        _bay_locks[bay_id] = lock
    return lock
