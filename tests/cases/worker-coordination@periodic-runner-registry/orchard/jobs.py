"""The jobs of the orchard worker program; each call does one round and returns."""
import asyncpg
from redis.asyncio import Redis


async def expire_holds(pool: asyncpg.Pool, redis: Redis) -> None:
    """No lock and no claim: every copy of `python -m orchard holds` expires the same holds."""
    stale = await pool.fetch("SELECT id FROM holds WHERE state = 'held' AND expires_at < now()")  # expect: worker-coordination
    for row in stale:
        await pool.execute("UPDATE holds SET state = 'expired' WHERE id = $1", row["id"])


async def release_quotas(pool: asyncpg.Pool, redis: Redis) -> None:
    """The same shape under a lock one copy wins per round."""
    async with redis.lock("orchard:quotas", timeout=240, blocking=False) as held:
        if not held:
            return
        spent = await pool.fetch("SELECT id FROM quotas WHERE state = 'spent' AND period_end < now()")
        for row in spent:
            await pool.execute("UPDATE quotas SET state = 'released' WHERE id = $1", row["id"])


async def backfill_prices(pool: asyncpg.Pool) -> None:
    """Run once, by hand, as its own command: no copy repeats it."""
    missing = await pool.fetch("SELECT id, list_price FROM products WHERE price IS NULL")
    for row in missing:
        await pool.execute("UPDATE products SET price = $1 WHERE id = $2", row["list_price"], row["id"])
