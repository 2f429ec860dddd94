"""Probe runner, one per region: python -m beacon.workers.probes"""
from __future__ import annotations

import asyncio

from beacon.db import cache, get_pool


async def consume(stop: asyncio.Event) -> None:
    pool = await get_pool()
    while not stop.is_set():
        lock = cache.lock("probe-schedule", timeout=30, blocking=False)
        if await lock.acquire():
            try:
                await pool.execute("UPDATE probes SET next_run_at = now() + interval '1 minute' WHERE next_run_at < now()")
            finally:
                await lock.release()
        await asyncio.sleep(5)


async def expiry_loop(stop: asyncio.Event) -> None:
    pool = await get_pool()
    while not stop.is_set():
        rows = await pool.fetch("SELECT id, owner_email FROM certificates WHERE expires_at < now() + interval '7 days' AND warned_at IS NULL")  # expect: worker-coordination
        for row in rows:
            await pool.execute("UPDATE certificates SET warned_at = now() WHERE id = $1", row["id"])
        await asyncio.sleep(3600)


async def main() -> None:
    stop = asyncio.Event()
    await asyncio.gather(consume(stop), expiry_loop(stop))


if __name__ == "__main__":
    asyncio.run(main())
