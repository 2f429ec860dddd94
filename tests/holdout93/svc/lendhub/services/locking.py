"""In-process coordination between pricing refreshes and lock requests."""
from __future__ import annotations

import asyncio

SHEET_LOCK = asyncio.Lock()
_app_locks: dict[int, asyncio.Lock] = {}


def application_lock(application_id: int) -> asyncio.Lock:
    lock = _app_locks.get(application_id)
    if lock is None:
        lock = _app_locks[application_id] = asyncio.Lock()
    return lock
