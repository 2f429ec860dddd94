"""Expires trip requests nobody accepted and tells the rider."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from dispatch.db.engine import SessionFactory
from dispatch.repositories.trips import TripRepository
from dispatch.services.notifications import Notifier

logger = logging.getLogger(__name__)

REQUEST_TTL = timedelta(minutes=4)


class StaleTripReaper:
    def __init__(self, notifier: Notifier, interval: float = 15.0) -> None:
        self._notifier = notifier
        self._interval = interval
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        while not self._stopping.is_set():
            try:
                expired = await self.reap_once()
                if expired:
                    log.info("expired %d stale trip requests", expired)
            except Exception:
                logger.exception("reaper pass failed")
            try:
                await asyncio.wait_for(self._stopping.wait(), timeout=self._interval)
            except asyncio.TimeoutError:
                pass

    async def reap_once(self) -> int:
        cutoff = datetime.now(timezone.utc) - REQUEST_TTL
        async with SessionFactory() as session:
            repo = TripRepository(session)
            stale = await repo.stale_requested(cutoff)
            if not stale:
                return 0
            count = await repo.expire_many([t.id for t in stale])
            for trip in stale:
                await self._notifier.trip_cancelled(trip, "timeout")
        return count
