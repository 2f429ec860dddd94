from __future__ import annotations

import asyncio
import datetime as dt

from sqlalchemy import select, update

from ..clients.payer import EligibilityClient
from ..db import SessionLocal
from ..models import Appointment, AppointmentStatus, CalendarSlot, Patient
from ..observability import get_logger
from ..services.eligibility import EligibilityService
from ..services.notifications import Notifier
from ..utils.common import utcnow


log = get_logger(__name__)


class NoShowSweeper:
    """Marks visits nobody joined and texts the patient about the missed-visit policy."""

    def __init__(self, notifier: Notifier) -> None:
        self.notifier = notifier

    async def run_once(self) -> int:
        cutoff = utcnow() - dt.timedelta(minutes=15)
        async with SessionLocal() as session:
            rows = (
                await session.execute(
                    select(Appointment, Patient)
                    .join(Patient, Patient.id == Appointment.patient_id)
                    .join(CalendarSlot, CalendarSlot.id == Appointment.slot_id)
                    .where(Appointment.status == AppointmentStatus.BOOKED)
                    .where(CalendarSlot.ends_at < cutoff)
                )
            ).all()
            for appointment, patient in rows:
                await session.execute(
                    update(Appointment).where(Appointment.id == appointment.id).values(status=AppointmentStatus.NO_SHOW)
                )
                if patient.phone:
                    await self.notifier.sms.send(patient.phone, "We missed you today. Reply to rebook your visit.")
            await session.commit()
        log.info("no_shows_marked", count=len(rows))
        return len(rows)


log = get_logger(__name__)


class EligibilityRefresher:
    """Re-verifies coverage the day before a visit so front desk sees problems early."""

    def __init__(self, client: EligibilityClient, concurrency: int = 10) -> None:
        self.client = client
        self.limit = asyncio.Semaphore(concurrency)

    async def _refresh(self, patient: Patient) -> None:
        async with self.limit:
            async with SessionLocal() as session:
                await EligibilityService(session, self.client).coverage_summary(patient)

    async def run_once(self) -> int:
        start = utcnow() + dt.timedelta(hours=12)
        end = start + dt.timedelta(hours=24)
        async with SessionLocal() as session:
            patients = (
                await session.execute(
                    select(Patient)
                    .join(Appointment, Appointment.patient_id == Patient.id)
                    .join(CalendarSlot, CalendarSlot.id == Appointment.slot_id)
                    .where(Appointment.status == AppointmentStatus.BOOKED)
                    .where(CalendarSlot.starts_at >= start, CalendarSlot.starts_at < end)
                    .where(Patient.payer_id.is_not(None))
                    .distinct()
                )
            ).scalars().all()
        results = await asyncio.gather(*(self._refresh(p) for p in patients), return_exceptions=True)
        failures = [r for r in results if isinstance(r, Exception)]
        if failures:
            log.warning("eligibility_refresh_failures", count=len(failures), first=repr(failures[0]))
        return len(patients) - len(failures)
