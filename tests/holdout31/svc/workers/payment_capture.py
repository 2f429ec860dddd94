"""Captures pre-authorised card payments for billed sessions."""
from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.config import settings
from svc.db.repositories.billing import PaymentRepository
from svc.services.billing import PaymentService

log = logging.getLogger(__name__)


class PaymentCaptureWorker:
    def __init__(
        self,
        *,
        session_factory: async_sessionmaker[AsyncSession],
        payments: PaymentService,
        poll_interval: float = 10.0,
    ) -> None:
        self._session_factory = session_factory
        self._payments = payments
        self._poll_interval = poll_interval
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    async def run(self) -> None:
        backoff = 1.0
        while not self._stop.is_set():
            try:
                processed = await self.run_once()
            except Exception:
                log.exception("payment capture pass failed; next attempt in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 120.0)
                continue
            backoff = 1.0
            if processed == 0:
                await asyncio.sleep(self._poll_interval)

    async def run_once(self) -> int:
        async with self._session_factory() as db, db.begin():
            repo = PaymentRepository(db)
            pending = await repo.claim_pending(limit=settings.capture_batch_size)
            captured = 0
            for payment in pending:
                if await self._payments.capture_payment(repo, payment):
                    captured += 1
        if pending:
            log.info("captured %d of %d pending payments", captured, len(pending))
        return len(pending)
