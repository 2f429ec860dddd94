"""Card authorisation at request time, capture at completion."""
from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.payments_client import PaymentDeclined, PaymentProviderError, PaymentsClient
from svc.db.models import Trip
from svc.repositories.payment_repo import PaymentRepository
from svc.repositories.rider_repo import RiderRepository
from svc.utils.resilience import CircuitOpenError

logger = logging.getLogger(__name__)

_STATUS_BY_EVENT = {"charge.refunded": "refunded", "charge.disputed": "disputed", "charge.dispute_won": "captured"}


class PaymentFailed(Exception):
    pass


class PaymentService:
    def __init__(self, session: AsyncSession, client: PaymentsClient) -> None:
        self.session = session
        self.client = client
        self.payments = PaymentRepository(session)
        self.riders = RiderRepository(session)

    async def authorize_for_trip(self, trip: Trip) -> None:
        rider = await self.riders.get(trip.rider_id)
        if rider is None or not rider.default_payment_method:
            raise PaymentFailed("no payment method on file")
        key = f"auth-{trip.id}"
        payment = await self.payments.create_pending(trip.id, trip.rider_id, trip.quoted_fare_cents, key)
        try:
            charge_id = await self.client.authorize(
                rider.default_payment_method, trip.quoted_fare_cents, payment.currency, key
            )
        except PaymentDeclined:
            await self.payments.mark(payment.id, "declined")
            raise PaymentFailed("card declined")
        except (PaymentProviderError, CircuitOpenError) as exc:
            await self.payments.mark(payment.id, "error")
            raise PaymentFailed("payment provider unavailable") from exc
        await self.payments.mark(payment.id, "authorized", charge_id)

    async def settle(self, trip: Trip, amount_cents: int) -> None:
        payment = await self.payments.for_trip(trip.id)
        if payment is None or payment.provider_charge_id is None:
            logger.error("trip %s has no authorised payment", trip.id)
            return
        if amount_cents == 0:
            await self.client.refund(payment.provider_charge_id, payment.amount_cents, f"void-{trip.id}")
            await self.payments.mark(payment.id, "voided")
        else:
            await self.client.capture(payment.provider_charge_id, amount_cents, f"capture-{trip.id}")
            await self.payments.mark(payment.id, "captured")
        await self.session.commit()

    async def apply_webhook(self, event: dict) -> bool:
        charge_id = event["data"]["charge_id"]
        payment = await self.payments.by_charge_id(charge_id)
        if payment is None:
            return False
        status = _STATUS_BY_EVENT.get(event["type"])
        if status is None:
            return True
        await self.payments.mark(payment.id, status)
        await self.session.commit()
        return True
