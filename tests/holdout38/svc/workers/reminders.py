from __future__ import annotations

import asyncio
import datetime as dt

from ..config import settings
from ..db import SessionLocal
from ..models import AppointmentStatus
from ..observability import get_logger
from ..repositories.appointments_repo import AppointmentRepository
from ..repositories.events_repo import VisitEventRepository
from ..repositories.patients_repo import PatientRepository
from ..services.notifications import Notifier
from ..utils.common import utcnow

log = get_logger(__name__)


class ReminderWorker:
    def __init__(self, notifier: Notifier, events: VisitEventRepository, interval: float = 60.0) -> None:
        self.notifier = notifier
        self.events = events
        self.interval = interval

    async def run_once(self) -> int:
        now = utcnow()
        lead = dt.timedelta(minutes=settings.reminder_lead_minutes)
        sent = 0
        async with SessionLocal() as session:
            appointments = AppointmentRepository(session)
            patients = PatientRepository(session)
            due = await appointments.due_for_reminder(now + lead - dt.timedelta(minutes=5), now + lead)
            by_id = await patients.get_many([a.patient_id for a in due])
            for appointment in due:
                if appointment.status != AppointmentStatus.BOOKED or appointment.status != AppointmentStatus.HELD:
                    continue
                if not await self.events.log_reminder(appointment.id, "sms"):
                    continue
                slot = await appointments.slot_for(appointment)
                patient = by_id.get(appointment.patient_id)
                if patient is None:
                    continue
                if await self.notifier.reminder(patient, appointment, slot):
                    await appointments.mark_reminded(appointment.id, now)
                    sent += 1
            await session.commit()
        return sent

    async def run_forever(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            count = await self.run_once()
            log.info("reminder_pass", sent=count)
            try:
                await asyncio.wait_for(stop.wait(), timeout=self.interval)
            except asyncio.TimeoutError:
                pass
