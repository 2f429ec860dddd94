"""Per-depot and per-vehicle locks, handed out as context managers."""
import asyncio
from collections import defaultdict
from contextlib import AsyncExitStack, asynccontextmanager
from typing import AsyncIterator

_depot_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
_vehicle_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)


@asynccontextmanager
async def depot_lock(depot: str) -> AsyncIterator[None]:
    async with _depot_locks[depot]:
        yield


@asynccontextmanager
async def vehicle_lock(vehicle_id: int) -> AsyncIterator[None]:
    async with _vehicle_locks[vehicle_id]:
        yield


@asynccontextmanager
async def depots_lock(*depots: str) -> AsyncIterator[None]:
    """Several depots at once, always in sorted order."""
    async with AsyncExitStack() as stack:
        for depot in sorted(set(depots)):
            await stack.enter_async_context(_depot_locks[depot])
        yield
