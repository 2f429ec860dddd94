"""Moves sessions past their end time (plus grace) to expired and notifies officers."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..repositories.session_repo import SessionRepository
from ..utils.common import utcnow
from ..realtime import ExpiredEvent, FeedPublisher

log = logging.getLogger(__name__)


class ExpiryScanner:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], feed: FeedPublisher, grace_minutes: int, interval_s: float = 30.0
    ) -> None:
        self._sessions = sessions
        self._feed = feed
        self._grace = timedelta(minutes=grace_minutes)
        self._interval = interval_s

    async def run_forever(self) -> None:
        while True:
            await self._scan_once()
            await asyncio.sleep(self._interval)

    async def _scan_once(self) -> int:
        cutoff = utcnow() - self._grace
        async with self._sessions() as db, db.begin():
            repo = SessionRepository(db)
            expired = await repo.expired_before(cutoff)
            await repo.mark_expired([s.id for s in expired])
        for session in expired:
            event = ExpiredEvent(session_id=session.id, plate=session.plate, zone_id=session.zone_id, ended_at=session.ends_at)
            self._feed.publish_expired(event)
        if expired:
            log.info("expired %d sessions", len(expired))
        return len(expired)
