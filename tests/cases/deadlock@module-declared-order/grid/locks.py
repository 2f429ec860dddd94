"""Process-local locks shared by the outage and crew code paths, declared in the order to take them."""
import asyncio
from collections import defaultdict

outage_lock = asyncio.Lock()
crew_lock = asyncio.Lock()

_feeder_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
_truck_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)


def feeder_lock(feeder_id: int) -> asyncio.Lock:
    return _feeder_locks[feeder_id]


def truck_lock(truck_id: int) -> asyncio.Lock:
    return _truck_locks[truck_id]
