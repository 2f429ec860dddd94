from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.payments import PaymentsClient
from ..errors import Conflict
from ..models import Booking, Invoice, Member
from ..repositories.bookings import BookingRepository
from ..repositories.invoices import InvoiceRepository
from ..repositories.locations import LocationRepository
from ..repositories.members import MemberRepository
from ..utils.concurrency import KeyedLocks
from ..utils.resilience import CircuitBreaker
from ..utils.timeutil import utcnow
from .subscriptions import SubscriptionService, member_lock_key

logger = logging.getLogger(__name__)

PAYMENT_TERMS = timedelta(days=14)


def _as_utc(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.utc)


class BillingService:
    def __init__(self, session: AsyncSession, payments: PaymentsClient, breaker: CircuitBreaker,
                 subscriptions: SubscriptionService, member_locks: KeyedLocks) -> None:
        self._session = session
        self._payments = payments
        self._breaker = breaker
        self._subscriptions = subscriptions
        self._member_locks = member_locks
        self._invoices = InvoiceRepository(session)
        self._bookings = BookingRepository(session)
        self._locations = LocationRepository(session)
        self._members = MemberRepository(session)

    async def build_invoice_lines(self, member: Member, period_start: date, period_end: date) -> list[dict[str, Any]]:
        lines: list[dict[str, Any]] = []
        sub = await self._members.active_subscription(member.id)
        if sub is not None:
            lines.append({"description": f"{sub.plan.name} membership", "quantity": 1, "booking_id": None,
                          "unit_pence": sub.plan.monthly_pence, "amount_pence": sub.plan.monthly_pence})
        bookings = await self._bookings.for_member_period(member.id, _as_utc(period_start), _as_utc(period_end))
        for booking in bookings:
            if booking.status != "confirmed" or booking.price_pence == 0:
                continue
            space = await self._locations.get_space(booking.space_id)
            lines.append(self._booking_line(booking, space.name if space else "Meeting room"))
        return lines

    @staticmethod
    def _booking_line(booking: Booking, space_name: str) -> dict[str, Any]:
        hours = (booking.ends_at - booking.starts_at).total_seconds() / 3600
        return {
            "description": f"{space_name}, {booking.starts_at:%d %b %H:%M} ({hours:.1f} h)",
            "quantity": round(hours, 2),
            "unit_pence": int(booking.price_pence / hours) if hours else booking.price_pence,
            "amount_pence": booking.price_pence,
            "booking_id": booking.id,
        }

    async def close_month(self, member: Member, period_start: date, period_end: date) -> int:
        async with self._member_locks.hold(member_lock_key(member.id)):
            lines = await self.build_invoice_lines(member, period_start, period_end)
            proration = await self._subscriptions.apply_proration(member.id, period_start, period_end)
            if proration:
                lines.append({"description": "Plan change adjustment", "quantity": 1, "unit_pence": proration,
                              "amount_pence": proration, "booking_id": None})
            total = max(sum(line["amount_pence"] for line in lines), 0)
            invoice_id = await self._invoices.upsert_draft(member.id, period_start, period_end, total, lines)
            await self._session.commit()
        return invoice_id

    async def charge(self, invoice: Invoice, member: Member) -> str:
        if invoice.status == "paid":
            raise Conflict("invoice already paid")
        if not member.provider_customer_id:
            raise Conflict("member has no payment method on file")
        charge = await self._breaker.call(
            self._payments.create_charge,
            customer_id=member.provider_customer_id,
            amount_pence=invoice.total_pence,
            currency=invoice.currency,
            idempotency_key=f"invoice-{invoice.id}",
            description=f"Deskhub invoice #{invoice.id}",
        )
        invoice.provider_payment_id = charge["id"]
        invoice.status = "paid" if charge.get("status") == "succeeded" else "open"
        invoice.due_at = invoice.due_at or utcnow() + PAYMENT_TERMS
        if invoice.status == "paid":
            invoice.paid_at = utcnow()
        return charge["id"]

    async def refund_booking(self, booking: Booking, invoice: Invoice) -> dict[str, Any]:
        if invoice.provider_payment_id is None:
            raise Conflict("invoice was never charged")
        refund = await self._payments.refund_charge(invoice.provider_payment_id, amount_pence=booking.price_pence)
        logger.info("refunded booking %s on invoice %s: %s", booking.id, invoice.id, refund.get("id"))
        return refund
