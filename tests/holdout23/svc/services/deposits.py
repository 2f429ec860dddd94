"""Deposits: payment intents at booking time, webhook reconciliation, refunds."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiobreaker import CircuitBreakerError
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.payments import PaymentsClient
from svc.errors import PaymentProviderError
from svc.repositories.orm import DepositRepository
from svc.repositories.reservations import ReservationRepository

logger = logging.getLogger(__name__)


class DepositService:
    def __init__(
        self,
        payments: PaymentsClient,
        sessions: async_sessionmaker[AsyncSession],
        reservations: ReservationRepository,
        redis: Redis,
    ) -> None:
        self._payments = payments
        self._sessions = sessions
        self._reservations = reservations
        self._redis = redis
        self._intent_lock = asyncio.Lock()

    async def request_deposit(self, reservation_id: int, amount_cents: int, currency: str, guest_ref: str) -> dict[str, Any]:
        async with self._intent_lock:
            try:
                intent = await self._payments.create_deposit_intent(reservation_id, amount_cents, currency, guest_ref)
            except (PaymentProviderError, CircuitBreakerError):
                logger.warning("payments unavailable; reservation %s kept pending deposit", reservation_id)
                return {"status": "deposit_pending", "client_secret": None}
        async with self._sessions() as session, session.begin():
            DepositRepository(session).add(reservation_id, intent["id"], amount_cents, currency)
        return {"status": "requires_payment", "client_secret": intent["client_secret"]}

    async def handle_webhook(self, event: dict[str, Any]) -> None:
        if not await self._redis.set(f"payments:event:{event['id']}", "1", nx=True, ex=86400):
            logger.info("duplicate payments event %s ignored", event["id"])
            return
        intent_id = event["data"]["object"]["id"]
        async with self._sessions() as session, session.begin():
            repo = DepositRepository(session)
            deposit = await repo.by_intent(intent_id)
            if deposit is None:
                logger.warning("payments event %s for unknown intent %s", event["id"], intent_id)
                return
            if event["type"] == "payment_intent.amount_capturable_updated":
                if await repo.mark_status(deposit.id, "requires_payment", "authorized"):
                    await self._reservations.confirm_deposit(deposit.reservation_id)
            elif event["type"] == "payment_intent.canceled":
                await repo.mark_status(deposit.id, "authorized", "cancelled")

    async def refund_for(self, reservation_id: int) -> None:
        async with self._sessions() as session:
            deposit = await DepositRepository(session).for_reservation(reservation_id)
        if deposit is None or deposit.status != "authorized":
            return
        try:
            await self._payments.cancel_intent(deposit.provider_intent_id, "requested_by_customer")
        except (PaymentProviderError, CircuitBreakerError):
            logger.warning("could not release deposit %s now; queued for the refund job", deposit.id, exc_info=True)
            target = "refund_pending"
        else:
            target = "cancelled"
        async with self._sessions() as session, session.begin():
            await DepositRepository(session).mark_status(deposit.id, "authorized", target)
