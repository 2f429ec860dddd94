"""Capturing rider payments after a trip completes."""
from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.clients.psp import PaymentError, PSPClient
from dispatch.db.models import Trip
from dispatch.repositories.payments import PaymentRepository
from dispatch.utils.resilience import CircuitOpenError

logger = logging.getLogger(__name__)


class PaymentService:
    def __init__(self, psp: PSPClient) -> None:
        self._psp = psp
        self._capture_lock = asyncio.Lock()

    async def capture_for_trip(self, session: AsyncSession, trip: Trip) -> bool:
        repo = PaymentRepository(session)
        payment = await repo.for_trip(trip.id)
        if payment is None:
            logger.error("no authorization on file for trip %s", trip.id)
            return False
        if payment.status == "captured":
            return True
        async with self._capture_lock:
            try:
                result = await self._psp.capture(payment.psp_reference, trip.fare_cents or 0, f"cap-{trip.id}")
            except PaymentError as exc:
                logger.warning("capture failed for trip %s: %s", trip.id, exc)
                await repo.mark(payment.id, "failed")
                return False
            except Exception:
                logger.exception("capture errored for trip %s", trip.id)
                await repo.mark(payment.id, "declined")
                return False
        await repo.mark(payment.id, result.status, result.reference)
        return result.status == "succeeded"

    async def refund_trip(self, session: AsyncSession, trip: Trip, reason: str) -> str | None:
        repo = PaymentRepository(session)
        payment = await repo.for_trip(trip.id)
        if payment is None or payment.status != "succeeded":
            return None
        try:
            refund_id = await self._psp.refund(payment.psp_reference, payment.amount_cents, reason)
        except CircuitOpenError:
            logger.warning("psp circuit open; refund for trip %s queued", trip.id)
            await repo.mark(payment.id, "refund_pending")
            return None
        await repo.mark(payment.id, "refunded")
        logger.info("refunded trip %s (%s)", trip.id, refund_id)
        return refund_id
