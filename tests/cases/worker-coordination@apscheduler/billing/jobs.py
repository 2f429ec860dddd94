"""Scheduled billing jobs."""
from __future__ import annotations

from datetime import datetime, timezone

import redis.asyncio as redis
from sqlalchemy import text

from billing.db import SessionLocal

redis_client = redis.Redis.from_url("redis://cache:6379/0")


async def mark_overdue_invoices() -> None:
    now = datetime.now(timezone.utc)
    async with SessionLocal() as session:
        await session.execute(
            text("UPDATE invoices SET status = 'overdue' WHERE status = 'open' AND due_at < :now"), {"now": now}
        )
        await session.commit()


async def refresh_exchange_rates() -> None:
    async with redis_client.lock("billing:rates", timeout=50, blocking=False) as got:
        if got:
            await redis_client.set("billing:rates:updated", datetime.now(timezone.utc).isoformat())
