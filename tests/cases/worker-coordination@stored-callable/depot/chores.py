"""Depot chores run on a timer."""
from . import db


async def release_expired_holds() -> None:  # expect: worker-coordination
    async with db.pool.acquire() as conn:
        await conn.execute("UPDATE bays SET held_by = NULL WHERE hold_expires < now()")


async def bill_storage() -> None:  # expect: worker-coordination
    async with db.pool.acquire() as conn:
        for row in await conn.fetch("SELECT id, tenant_id FROM bays WHERE occupied"):
            await conn.execute("INSERT INTO charges (tenant_id, bay_id) VALUES ($1, $2)", row["tenant_id"], row["id"])


async def rotate_report() -> None:
    # correct: one replica wins the round's lock, the others skip it
    lock = db.redis.lock("depot:rotate-report", timeout=50, blocking=False)
    if not await lock.acquire():
        return
    try:
        async with db.pool.acquire() as conn:
            await conn.execute("DELETE FROM daily_report WHERE day < current_date - 30")
    finally:
        await lock.release()


async def compact_ledger() -> None:
    # correct: SETNX claims the round (with an expiry), so only one replica compacts
    if not await db.redis.setnx("depot:compact", "1"):
        return
    await db.redis.expire("depot:compact", 600)
    async with db.pool.acquire() as conn:
        await conn.execute("DELETE FROM ledger_entries WHERE compacted")
