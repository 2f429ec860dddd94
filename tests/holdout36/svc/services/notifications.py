from __future__ import annotations

import logging
from html import escape

from svc.clients.email import Mailer
from svc.db.models import Guest, Reservation

logger = logging.getLogger(__name__)


class Notifier:
    def __init__(self, mailer: Mailer) -> None:
        self._mailer = mailer

    async def reservation_confirmed(self, reservation: Reservation, guest: Guest) -> None:
        html = (
            f"<h1>Thank you, {escape(guest.first_name)}</h1>"
            f"<p>Your confirmation code is <b>{reservation.confirmation_code}</b>.</p>"
            f"<p>Arrival {reservation.check_in:%d %b %Y}, departure {reservation.check_out:%d %b %Y}.</p>"
        )
        try:
            await self._mailer.send_confirmation(guest.email, "Your reservation", html)
        except Exception:
            logger.exception("confirmation mail for reservation %s failed", reservation.id)

    async def reservation_cancelled(self, reservation: Reservation, email: str) -> None:
        html = f"<p>Reservation <b>{reservation.confirmation_code}</b> has been cancelled.</p>"
        try:
            await self._mailer.send_confirmation(email, "Cancellation", html)
        except OSError:
            logger.warning("cancellation mail for %s failed", reservation.id, exc_info=True)
