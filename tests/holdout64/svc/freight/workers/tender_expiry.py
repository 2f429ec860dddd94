from __future__ import annotations

import asyncio
import logging

from sqlalchemy import update
from sqlalchemy.ext.asyncio import async_sessionmaker

from ..metrics import TENDERS_EXPIRED
from ..models import Load, LoadStatus, TenderStatus
from ..repositories.loads import TenderRepository
from ..services.notification_service import NotificationService
from ..utils.timeutil import utcnow

log = logging.getLogger(__name__)

SWEEP_INTERVAL_SECONDS = 20


class TenderExpiryWorker:
    """Expires tenders the carrier did not answer in time and puts their loads back on the board."""

    def __init__(self, session_factory: async_sessionmaker, notifications: NotificationService) -> None:
        self._sessions = session_factory
        self._notifications = notifications
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    async def _sweep(self) -> int:
        async with self._sessions() as session, session.begin():
            expired = await TenderRepository(session).claim_expired(utcnow())
            now = utcnow()
            for tender in expired:
                tender.status = TenderStatus.EXPIRED
                tender.responded_at = now
            if expired:
                await session.execute(
                    update(Load).where(Load.id.in_([t.load_id for t in expired])).values(status=LoadStatus.POSTED)
                )
        await self._notifications.publish_many([(t.load_id, "tender_expired") for t in expired])
        TENDERS_EXPIRED.inc(len(expired))
        return len(expired)

    async def run(self) -> None:
        while not self._stop.is_set():
            count = await self._sweep()
            if count:
                log.info("expired tenders", extra={"count": count})
            try:
                await asyncio.wait_for(self._stop.wait(), timeout=SWEEP_INTERVAL_SECONDS)
            except asyncio.TimeoutError:
                pass
