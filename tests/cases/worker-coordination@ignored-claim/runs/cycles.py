"""Month-end runs guarded by a redis key."""
from __future__ import annotations

from runs.store import client

LOCK = "cycle:lock"


async def run_cycle(period: str) -> int:
    cache = client()
    await cache.set(LOCK, period, nx=True)  # expect: worker-coordination
    done = await invoice(period)
    await cache.delete(LOCK)
    return done


async def run_guarded_cycle(period: str) -> int:
    cache = client()
    if not await cache.set("cycle:guarded", period, nx=True, ex=3600):
        return 0
    done = await invoice(period)
    await cache.delete("cycle:guarded")
    return done


async def seed_default(period: str) -> None:
    """A default kept once: set if absent, never released; not a lock."""
    await client().set("cycle:default-period", period, nx=True)


async def invoice(period: str) -> int:
    return len(period)
