"""Relays outbox rows to redis streams for downstream consumers."""
from __future__ import annotations

import asyncio
import logging

import redis.asyncio as redis
from sqlalchemy import select, update
from sqlalchemy.sql import func

from svc.db.engine import SessionLocal
from svc.db.models import OutboxEvent

logger = logging.getLogger(__name__)

BATCH = 100
IDLE_SLEEP_S = 1.0
STREAM_MAXLEN = 100_000


async def relay_batch(client: redis.Redis) -> int:
    async with SessionLocal() as session:
        rows = (
            await session.scalars(
                select(OutboxEvent)
                .where(OutboxEvent.sent_at.is_(None))
                .order_by(OutboxEvent.id)
                .limit(BATCH)
                .with_for_update(skip_locked=True)
            )
        ).all()
        if not rows:
            return 0
        async with client.pipeline(transaction=False) as pipe:
            for row in rows:
                pipe.xadd(f"events:{row.topic}", {"id": row.id, "payload": row.payload}, maxlen=STREAM_MAXLEN)
            await pipe.execute()
        await session.execute(
            update(OutboxEvent).where(OutboxEvent.id.in_([r.id for r in rows])).values(sent_at=func.now())
        )
        await session.commit()
        return len(rows)


async def run_outbox_relay(client: redis.Redis, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            sent = await relay_batch(client)
            if sent == 0:
                await asyncio.sleep(IDLE_SLEEP_S)
        except Exception as exc:
            logger.error("outbox relay failed: %s", exc)
