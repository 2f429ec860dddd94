"""Per-crane and per-berth locks from one helper, always berth first."""
import asyncio
from contextlib import asynccontextmanager

_crane_locks: dict[str, asyncio.Lock] = {}
_berth_locks: dict[str, asyncio.Lock] = {}


def _fetch(registry: dict, key: str) -> asyncio.Lock:
    return registry.setdefault(key, asyncio.Lock())


@asynccontextmanager
async def crane(crane_id: str):
    guard = _fetch(_crane_locks, crane_id)
    async with guard:
        yield


@asynccontextmanager
async def berth(berth_id: str):
    guard = _fetch(_berth_locks, berth_id)
    async with guard:
        yield
