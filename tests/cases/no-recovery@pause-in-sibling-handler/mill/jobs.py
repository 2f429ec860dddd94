"""Background cycles of the mill: stock import and price export."""
import asyncio
import logging

import asyncpg
import httpx

from mill.leases import LeaseHeld, lease

log = logging.getLogger(__name__)


async def import_stock(pool: asyncpg.Pool) -> int:
    async with httpx.AsyncClient(timeout=10) as client:
        rows = (await client.get("http://erp/stock")).json()
    await pool.executemany("UPDATE stock SET qty = $2 WHERE sku = $1", [(r["sku"], r["qty"]) for r in rows])
    return len(rows)


async def stock_cycle(pool: asyncpg.Pool, every: float) -> None:
    while True:
        try:
            async with lease("stock", ttl=int(every)):
                await import_stock(pool)
            await asyncio.sleep(every)
        except LeaseHeld:
            await asyncio.sleep(every)
        except Exception:  # expect: no-recovery
            log.exception("stock import failed")


async def export_prices(pool: asyncpg.Pool) -> None:
    rows = await pool.fetch("SELECT sku, price FROM prices WHERE dirty")
    async with httpx.AsyncClient(timeout=10) as client:
        await client.post("http://shop/prices", json=[dict(r) for r in rows])


async def price_cycle(pool: asyncpg.Pool, every: float) -> None:
    while True:
        try:
            async with lease("prices", ttl=int(every)):
                await export_prices(pool)
        except LeaseHeld:
            pass
        except (asyncpg.PostgresError, httpx.HTTPError):  # expect: no-recovery
            log.exception("price export failed")
            continue
        await asyncio.sleep(every)


async def audit_cycle(pool: asyncpg.Pool, every: float) -> None:
    # look-alike: every failure handler leads to a pause before the next round
    while True:
        try:
            async with lease("audit", ttl=int(every)):
                await pool.execute("DELETE FROM audit WHERE at < now() - interval '90 days'")
        except LeaseHeld:
            pass
        except Exception:
            log.exception("audit purge failed")
            await asyncio.sleep(every * 2)
            continue
        await asyncio.sleep(every)
