"""Deletes expired messages and their attachments. One replica runs it at a time."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

import asyncpg
from redis.asyncio import Redis
from redis.exceptions import LockError, RedisError

from svc.config import settings
from svc.services.storage import ObjectStorage

log = logging.getLogger(__name__)

LEADER_KEY = "leader:retention"
LEASE_SECONDS = 120
SWEEP_INTERVAL = 600
BATCH = 1000


async def sweep_once(pool: asyncpg.Pool, storage: ObjectStorage) -> int:
    cutoff = datetime.now(timezone.utc) - timedelta(days=settings.retention_days)
    async with pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
        async with conn.transaction():
            rows = await conn.fetch(
                "DELETE FROM attachments WHERE id IN (SELECT id FROM attachments WHERE created_at < $1 "
                "ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING object_key",
                cutoff,
                BATCH,
            )
    keys = [r["object_key"] for r in rows]
    if keys:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, storage.delete_many, keys)
    return len(keys)


async def run_as_leader(redis: Redis, pool: asyncpg.Pool, storage: ObjectStorage) -> None:
    while True:
        try:
            lock = redis.lock(LEADER_KEY, timeout=LEASE_SECONDS, blocking=False)
            if await lock.acquire():
                try:
                    removed = await sweep_once(pool, storage)
                    log.info("retention sweep removed %d attachments", removed)
                finally:
                    try:
                        await lock.release()
                    except LockError:
                        log.warning("retention lease expired before release")
        except asyncio.CancelledError:
            raise
        except (RedisError, asyncpg.PostgresError, OSError):
            log.exception("retention sweep failed")
        except Exception:
            log.exception("unexpected error in retention sweep")
        await asyncio.sleep(SWEEP_INTERVAL)
