"""Jobs: the import runner claims its batches; the dispatcher takes a lease each round."""
import asyncio

from redis.asyncio import Redis

from depot.db import pool
from depot.drivers import push_assignments
from depot.gates import refresh_gates
from depot.progress import announce


async def import_next() -> None:
    db = await pool()
    async with db.acquire() as conn, conn.transaction():
        rows = await conn.fetch(
            "SELECT id FROM imports WHERE state = 'queued' ORDER BY id LIMIT 10 FOR UPDATE SKIP LOCKED")
        await conn.execute("UPDATE imports SET state = 'done' WHERE id = ANY($1)", [r["id"] for r in rows])
    announce({"imported": len(rows)})


async def dispatch_round(redis: Redis) -> None:
    if not await redis.set("lease:dispatch", "1", nx=True, ex=25):
        return
    db = await pool()
    rows = await db.fetch("SELECT id, driver_id FROM pickups WHERE assigned_at > now() - interval '1 minute'")
    await push_assignments([dict(r) for r in rows])


async def dispatch_loop(redis: Redis) -> None:
    while True:
        await dispatch_round(redis)
        await asyncio.sleep(30)


async def import_loop() -> None:
    while True:
        await import_next()
        await asyncio.sleep(5)


async def gates_loop() -> None:
    """Every replica polls and shows the result on the screens it holds itself."""
    while True:
        await refresh_gates()
        await asyncio.sleep(10)
