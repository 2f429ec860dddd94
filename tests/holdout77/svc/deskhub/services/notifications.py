from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..clients.messaging import MailClient, SmsClient

if TYPE_CHECKING:
    from ..models import Booking, Invoice, Member, Visitor

logger = logging.getLogger(__name__)


class Notifier:
    def __init__(self, mail: MailClient, sms: SmsClient) -> None:
        self._mail = mail
        self._sms = sms

    async def send_booking_confirmation(self, booking: Booking, member: Member) -> None:
        await self._mail.send(
            to=member.email,
            template="booking-confirmed",
            data={"name": member.name, "booking_id": booking.id, "starts_at": booking.starts_at.isoformat(),
                  "ends_at": booking.ends_at.isoformat(), "title": booking.title or ""},
        )

    async def send_reminder(self, booking: Booking, member: Member) -> None:
        await self._mail.send(
            to=member.email,
            template="booking-reminder",
            data={"name": member.name, "booking_id": booking.id, "starts_at": booking.starts_at.isoformat()},
        )

    async def notify_host(self, visitor: Visitor, host: Member) -> None:
        text = f"{visitor.name} has arrived and is waiting at reception."
        if host.phone:
            await self._sms.send(host.phone, text)
        else:
            await self._mail.send(to=host.email, template="visitor-arrived", data={"visitor": visitor.name})
        logger.info("host %s notified of visitor %s", host.id, visitor.id)

    async def send_invoice(self, invoice: Invoice, member: Member) -> None:
        await self._mail.send(
            to=member.email,
            template="invoice-issued",
            data={"invoice_id": invoice.id, "total": f"{invoice.total_pence / 100:.2f}",
                  "currency": invoice.currency, "status": invoice.status},
        )
