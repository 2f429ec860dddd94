"""Telemetry retention, one pass an hour."""
import asyncio

from fleet import db


async def purge_pass() -> int:
    async with db.pool.acquire() as conn:
        done = await conn.execute("DELETE FROM telemetry WHERE recorded_at < now() - interval '30 days'")
    return int(done.split()[-1])


async def purge_forever(stop: asyncio.Event) -> None:
    while not stop.is_set():
        await purge_pass()  # expect: worker-coordination
        await asyncio.sleep(3600)
