"""Daily statement emails, queued through the outbox at 06:00 UTC."""
from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.db.models import OutboxMessage, Seller

log = logging.getLogger(__name__)

_SEND_HOUR_UTC = 6


def _seconds_until(hour: int) -> float:
    now = datetime.now(UTC)
    target = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


async def queue_daily_statements(sessions: async_sessionmaker[AsyncSession], day: str) -> int:
    async with sessions() as session:
        seller_ids = (await session.scalars(select(Seller.id).where(Seller.status == "active"))).all()
        session.add_all(
            OutboxMessage(topic="email.daily_statement", payload={"seller_id": seller_id, "day": day})
            for seller_id in seller_ids
        )
        await session.commit()
    return len(seller_ids)


async def daily_statements_loop(sessions: async_sessionmaker[AsyncSession]) -> None:
    while True:
        await asyncio.sleep(_seconds_until(_SEND_HOUR_UTC))
        day = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
        queued = await queue_daily_statements(sessions, day)
        log.info("queued %d daily statements for %s", queued, day)
