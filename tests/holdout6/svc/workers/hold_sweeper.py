"""Releases slots whose hold expired without confirmation."""
from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from sqlalchemy import update

from svc.db.base import SessionLocal
from svc.db.models import Slot
from svc.repositories.bookings import BookingRepository

logger = logging.getLogger(__name__)


class HoldSweeper:
    def __init__(self, interval_seconds: float = 15.0, grace_seconds: int = 5) -> None:
        self._interval = interval_seconds
        self._grace = grace_seconds

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            released = await self.sweep_once()
            if released:
                logger.info("released %d expired holds", released)

    async def sweep_once(self) -> int:
        cutoff = datetime.now(UTC) - timedelta(seconds=self._grace)
        async with SessionLocal() as session:
            expired = await BookingRepository(session).expired_holds(cutoff)
            if not expired:
                return 0
            for booking in expired:
                booking.status = "expired"
            await session.execute(
                update(Slot).where(Slot.id.in_([b.slot_id for b in expired])).values(status="open")
            )
            await session.commit()
        return len(expired)
