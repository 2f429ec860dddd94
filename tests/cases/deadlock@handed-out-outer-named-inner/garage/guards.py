"""Process-wide guards: one lock for the shared tariff table, one lock per bay, one per meter."""
import asyncio
from collections import defaultdict

tariff_lock = asyncio.Lock()
_bay_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
_meter_locks: dict[int, asyncio.Lock] = {}
audit_mutex = asyncio.Lock()


def bay_lock(bay: str) -> asyncio.Lock:
    return _bay_locks[bay]


def meter_lock(meter_id: int) -> asyncio.Lock:
    return _meter_locks.setdefault(meter_id, asyncio.Lock())
