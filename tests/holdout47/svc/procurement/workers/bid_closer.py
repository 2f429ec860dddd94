from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from redis.exceptions import RedisError
from sqlalchemy import select

from procurement.db.engine import sessionmaker
from procurement.db.models import RFQ
from procurement.redis_client import get_redis
from procurement.utils.locks import distributed_lock
from procurement.ws.manager import board

log = logging.getLogger(__name__)

POLL_SECONDS = 15


async def close_due_rfqs() -> int:
    now = datetime.now(timezone.utc)
    async with sessionmaker()() as session:
        rows = await session.execute(select(RFQ).where(RFQ.status == "open", RFQ.closes_at <= now).limit(100))
        due = list(rows.scalars())
        for rfq in due:
            rfq.status = "closed"
        await session.commit()
    for rfq in due:
        await board.broadcast(rfq.id, {"type": "closed", "rfq_id": rfq.id})
        try:
            await get_redis().publish(f"rfq:{rfq.id}:closed", "1")
        except RedisError:
            pass
    return len(due)


async def run() -> None:
    while True:
        try:
            async with distributed_lock("bid-closer", ttl_seconds=POLL_SECONDS * 2) as leader:
                if leader:
                    closed = await close_due_rfqs()
                    if closed:
                        log.info("closed %d rfqs", closed)
            await asyncio.sleep(POLL_SECONDS)
        except Exception:
            log.exception("bid closer failed, restarting")
            continue
