"""Owner-facing notifications for bookings and results."""
from __future__ import annotations

import logging

from svc.clients.messaging import EmailClient
from svc.db.models import Appointment

logger = logging.getLogger(__name__)


class Notifier:
    def __init__(self, email: EmailClient) -> None:
        self.email = email

    async def booking_confirmed(self, appt: Appointment, owner_email: str) -> None:
        when = appt.starts_at.strftime("%A %d %B at %H:%M")
        await self.email.send(
            owner_email,
            "Your appointment is confirmed",
            f"We look forward to seeing you on {when}. Reply to this email to change it.",
        )

    async def booking_moved(self, appt: Appointment, owner_email: str) -> None:
        when = appt.starts_at.strftime("%A %d %B at %H:%M")
        await self.email.send(owner_email, "Your appointment has moved", f"Your new time is {when}.")

    async def results_ready(self, owner_email: str, pet_name: str) -> None:
        await self.email.send(
            owner_email,
            f"Lab results for {pet_name}",
            "Your vet has received new results and will be in touch if anything needs attention.",
        )
