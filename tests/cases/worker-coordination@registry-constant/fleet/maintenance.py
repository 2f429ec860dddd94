"""Periodic maintenance: expire stale reservations, purge old telemetry."""
import asyncio

from . import db


async def expire_reservations() -> None:
    async with db.pool.acquire() as conn:
        await conn.execute("UPDATE reservations SET state = 'expired' WHERE held_until < now()")


async def reservation_loop(stop: asyncio.Event) -> None:
    while not stop.is_set():
        await expire_reservations()  # expect: worker-coordination
        await asyncio.sleep(60)
