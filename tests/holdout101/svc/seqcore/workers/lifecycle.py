from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import asyncpg
from botocore.exceptions import ClientError

from seqcore.db.pg import ACQUIRE_TIMEOUT_S, create_pg_pool
from seqcore.infra.storage import ObjectStore
from seqcore.settings import Settings
from seqcore.utils.timefmt import utcnow

logger = logging.getLogger(__name__)

CYCLE_S = 3600


async def purge_expired_deliveries(pool: asyncpg.Pool, store: ObjectStore) -> int:
    async with pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
        rows = await conn.fetch("SELECT id, bucket, prefix FROM deliveries WHERE expires_at < now() AND purged_at IS NULL")
    purged = []
    for row in rows:
        try:
            await store.delete_prefix(row["bucket"], row["prefix"])
        except ClientError:
            pass
        purged.append(row["id"])
    if purged:
        async with pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            await conn.execute("UPDATE deliveries SET purged_at = now() WHERE id = ANY($1::uuid[])", purged)
    return len(purged)


async def purge_run_staging(pool: asyncpg.Pool, store: ObjectStore, settings: Settings) -> int:
    cut_off = utcnow() - timedelta(days=settings.delivery_retention_days)
    async with pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
        rows = await conn.fetch(
            "SELECT id, run_folder FROM runs WHERE status = 'completed' AND completed_at < $1 AND run_folder IS NOT NULL",
            cutoff,
        )
    removed = 0
    for row in rows:
        removed += await store.delete_prefix(settings.run_bucket, f"{row['run_folder']}/staging/")
    return removed


async def run_cycle(settings: Settings, store: ObjectStore) -> None:
    pool = await create_pg_pool(settings.pg_dsn)
    deliveries = await purge_expired_deliveries(pool, store)
    staged = await purge_run_staging(pool, store, settings)
    logger.info("lifecycle: purged %d deliveries, %d staging objects", deliveries, staged)


async def run(settings: Settings) -> None:
    store = ObjectStore(settings.storage_endpoint, settings.storage_region)
    while True:
        try:
            await run_cycle(settings, store)
        except Exception:
            logger.exception("lifecycle cycle failed")
        await asyncio.sleep(CYCLE_S)
