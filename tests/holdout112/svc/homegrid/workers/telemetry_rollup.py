"""python -m homegrid.workers.telemetry_rollup"""
from __future__ import annotations

import asyncio
from datetime import timedelta

import structlog

from homegrid.container import Container
from homegrid.utils.timeutil import utcnow
from homegrid.workers.base import Stopper, run_worker

log = structlog.get_logger(__name__)

ROLLUP_LOCK_ID = 0x48475232


async def close_previous_day(container: Container) -> int:
    yesterday = (utcnow() - timedelta(days=1)).date()
    async with container.db.connection() as conn:
        if not await conn.fetchval("SELECT pg_try_advisory_lock($1)", ROLLUP_LOCK_ID):
            return 0
        try:
            return await container.telemetry.rollup_day(yesterday)
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", ROLLUP_LOCK_ID)


INCREMENT = timedelta(minutes=15)
SETTLE_DELAY = timedelta(minutes=5)


async def roll_forward(container: Container) -> int:
    """Fold recent telemetry into telemetry_daily in fixed windows, tracked by a cursor row."""
    total = 0
    async with container.db.transaction() as conn:
        last = await conn.fetchval(
            "SELECT last_ts FROM rollup_cursor WHERE name = 'daily' FOR UPDATE SKIP LOCKED"
        )
        if last is None:
            return 0
        horizon = utcnow() - SETTLE_DELAY
        while last + INCREMENT <= horizon:
            total += await container.telemetry.rollup_window(last, last + INCREMENT)
            last = last + INCREMENT
        await conn.execute("UPDATE rollup_cursor SET last_ts = $1 WHERE name = 'daily'", last)
    return total


async def main(container: Container, stopper: Stopper) -> None:
    while not stopper.stopping:
        try:
            rows = await close_previous_day(container)
            log.info("telemetry_rollup_done", rows=rows)
        except Exception:
            await asyncio.sleep(30)
            continue
        await stopper.sleep(6 * 3600)


if __name__ == "__main__":
    run_worker(main)
