"""Per-vehicle and per-depot locks, fetched from registries by one helper."""
import asyncio
from contextlib import asynccontextmanager

_vehicle_locks: dict[str, asyncio.Lock] = {}
_depot_locks: dict[str, asyncio.Lock] = {}


def _fetch(registry: dict, key: str) -> asyncio.Lock:
    return registry.setdefault(key, asyncio.Lock())


@asynccontextmanager
async def vehicle(vehicle_id: str):
    guard = _fetch(_vehicle_locks, vehicle_id)
    async with guard:
        yield


@asynccontextmanager
async def depot(depot_id: str):
    guard = _fetch(_depot_locks, depot_id)
    async with guard:
        yield
