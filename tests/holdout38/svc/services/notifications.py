from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from ..cache import local_label
from ..clients.sms import SmsClient
from ..models import Appointment, CalendarSlot, Patient
from ..observability import get_logger, REMINDERS

if TYPE_CHECKING:
    from ..clients.pharmacy import PharmacyRecord

log = get_logger(__name__)


class Notifier:
    def __init__(self, sms: SmsClient) -> None:
        self.sms = sms

    async def booking_confirmed(self, patient: Patient, slot: CalendarSlot, clinician_tz: str, code: str) -> None:
        when = local_label(clinician_tz, slot.starts_at.isoformat())
        if not patient.phone:
            return
        try:
            await self.sms.send(patient.phone, f"Your video visit is booked for {when}. Code {code}.")
        except (httpx.HTTPError, RuntimeError):
            pass

    async def reminder(self, patient: Patient, appointment: Appointment, slot: CalendarSlot) -> bool:
        if not patient.phone:
            REMINDERS.labels("sms", "skipped").inc()
            return False
        when = slot.starts_at.strftime("%H:%M UTC")
        try:
            await self.sms.send(patient.phone, f"Reminder: your telehealth visit starts at {when}.")
        except RuntimeError:
            log.warning("reminder_sms_failed", appointment_id=appointment.id)
            REMINDERS.labels("sms", "failed").inc()
            return False
        REMINDERS.labels("sms", "sent").inc()
        return True

    async def prescription_sent(self, patient: Patient, pharmacy: PharmacyRecord) -> None:
        if patient.phone:
            await self.sms.send(patient.phone, f"Your prescription was sent to {pharmacy['name']}.")
