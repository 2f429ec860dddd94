"""Releases card deposits once the post-return hold window has passed."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from ..db import SessionFactory
from ..repositories import ReservationRepository
from ..services.deposits import DepositService
from .runner import WorkerContext, sleep_or_stop

logger = logging.getLogger(__name__)

BATCH_SIZE = 200


class DepositReleaseWorker:
    name = "deposit-release"

    def __init__(self, ctx: WorkerContext) -> None:
        self._ctx = ctx
        self._deposits = DepositService(ctx.payments)

    async def run(self, stopping: asyncio.Event) -> None:
        while not stopping.is_set():
            released = await self.release_due()
            if released:
                logger.info("released %d deposits", released)
            await sleep_or_stop(stopping, self._ctx.settings.deposit_scan_seconds)

    async def release_due(self) -> int:
        now = datetime.now(timezone.utc)
        hold = timedelta(hours=self._ctx.settings.deposit_hold_hours)
        released = 0
        async with SessionFactory() as session:
            repo = ReservationRepository(session)
            for reservation in await repo.claim_releasable(BATCH_SIZE):
                release_after = reservation.deposit_release_at or (reservation.returned_at + hold)
                if release_after > now:
                    await self._deposits.release(reservation)
                    released += 1
            await session.commit()
        return released
