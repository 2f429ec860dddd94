"""Expire tenders the carrier did not answer in time and reopen their loads."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from sqlalchemy import select, update

from freightline.db.engine import sessionmaker
from freightline.db.models import Load, LoadStatus, Tender
from freightline.services.notify import Notifier
from freightline.utils.locks import distributed_lock
from freightline.workers.base import PeriodicWorker

if TYPE_CHECKING:
    import redis.asyncio as redis

logger = logging.getLogger(__name__)


class TenderExpiryWorker(PeriodicWorker):
    name = "tender_expiry"
    interval = 30.0

    def __init__(self, redis_client: redis.Redis, notifier: Notifier, grace_minutes: int = 0) -> None:
        self._redis = redis_client
        self._notifier = notifier
        self._grace_minutes = grace_minutes

    async def run_once(self) -> int:
        now = datetime.now(timezone.utc)
        if self._grace_minutes:
            now -= timedelta(minutes=self._grace_minutes)
        async with distributed_lock(self._redis, "tender-expiry", ttl_seconds=300) as acquired:
            if not acquired:
                return 0
            async with sessionmaker()() as session:
                rows = (
                    await session.execute(
                        update(Tender)
                        .where(Tender.state == "offered", Tender.expires_at < now)
                        .values(state="expired")
                        .returning(Tender.id, Tender.load_id, Tender.carrier_id)
                    )
                ).all()
                if not rows:
                    return 0
                load_ids = [r.load_id for r in rows]
                await session.execute(
                    update(Load)
                    .where(Load.id.in_(load_ids), Load.status == LoadStatus.TENDERED)
                    .values(status=LoadStatus.OPEN, carrier_id=None, agreed_rate_cents=None)
                )
                shippers = dict(
                    (await session.execute(select(Load.id, Load.shipper_id).where(Load.id.in_(load_ids)))).all()
                )
                await session.commit()
        for row in rows:
            await self._notifier.tender_expired(row.carrier_id, row.id)
            self._notifier.notify_shipper(shippers[row.load_id], "tender.expired", {"load_id": row.load_id})
        return len(rows)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            expired = await self.run_once()
            if expired:
                logger.info("expired %d tenders", expired)
            await asyncio.sleep(self.interval)
