"""Copies closed-check totals from the POS onto reservations for spend reporting."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone
from typing import Any

import asyncpg
from redis.asyncio import Redis

from svc.clients.pos import PosClient
from svc.db.pool import Database
from svc.repositories.reservations import ReservationRepository

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
_last_synced_at: datetime | None = None


async def sync_once(db: Database, pos: PosClient, since: datetime) -> int:
    queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue(maxsize=200)
    repo = ReservationRepository(db)

    async def produce() -> None:
        try:
            async for check in pos.iter_closed_checks(since):
                await queue.put(check)
        finally:
            await queue.put(None)

    async def flush(batch: list[tuple[str, int]]) -> None:
        try:
            await repo.attach_pos_spend_many(batch)
        except asyncpg.PostgresError as exc:
            print(f"pos spend batch of {len(batch)} failed: {exc}")

    producer = asyncio.create_task(produce(), name="pos-check-producer")
    synced = 0
    batch: list[tuple[str, int]] = []
    try:
        while (check := await queue.get()) is not None:
            batch.append((check["check_id"], int(check["total_cents"])))
            if len(batch) >= BATCH_SIZE:
                await flush(batch)
                synced += len(batch)
                batch = []
        if batch:
            await flush(batch)
            synced += len(batch)
    finally:
        producer.cancel()
    await asyncio.gather(producer, return_exceptions=True)
    return synced


async def run_pos_spend_sync(db: Database, pos: PosClient, redis: Redis, interval: float) -> None:
    global _last_synced_at
    lock = redis.lock("lock:pos-spend-sync", timeout=int(interval * 4), blocking_timeout=0)
    while True:
        if await lock.acquire(blocking=False):
            try:
                since = _last_synced_at or datetime.now(timezone.utc) - timedelta(hours=12)
                started = datetime.now(timezone.utc)
                count = await sync_once(db, pos, since)
                _last_synced_at = started
                logger.info("synced %d POS checks", count)
            finally:
                await lock.release()
        await asyncio.sleep(interval)
