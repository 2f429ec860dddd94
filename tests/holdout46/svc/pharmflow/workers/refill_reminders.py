"""Daily SMS reminders for refills coming due."""
from __future__ import annotations

import asyncio
import logging

from ..clients.sms import send_sms
from ..config import get_settings
from ..db.engine import SessionLocal
from ..db.models import Patient, Prescription, RefillSchedule
from ..repositories.prescriptions import PatientRepository, PrescriptionRepository
from ..repositories.refills import RefillRepository
from ..utils.timeutil import add_days, today_utc, utcnow

log = logging.getLogger(__name__)


def _lead_days(rx: Prescription) -> int:
    if rx.days_supply >= 30:
        return 5
    elif rx.days_supply >= 90:
        return 10
    return 2


def _message(patient: Patient, rx: Prescription) -> str:
    return f"Hi {patient.first_name}, your {rx.drug_name} refill is due soon. Reply R to request it."


async def _remind(sem: asyncio.Semaphore, patient: Patient, rx: Prescription) -> bool:
    async with sem:
        return await asyncio.to_thread(send_sms, patient.phone, _message(patient, rx))


async def run_reminders() -> int:
    settings = get_settings()
    horizon = add_days(today_utc(), 10)
    async with SessionLocal() as session:
        schedules = await RefillRepository(session).due(horizon, settings.refill_reminder_batch)
        patients = await PatientRepository(session).get_many([s.patient_id for s in schedules])
        rxs = await PrescriptionRepository(session).get_many([s.prescription_id for s in schedules])
        sem = asyncio.Semaphore(settings.reminder_concurrency)
        todo: list[tuple[RefillSchedule, Patient, Prescription]] = []
        for s in schedules:
            patient, rx = patients.get(s.patient_id), rxs.get(s.prescription_id)
            if patient is None or rx is None or not patient.sms_opt_in or not patient.phone:
                continue
            if (s.next_due_on - today_utc()).days > _lead_days(rx):
                continue
            todo.append((s, patient, rx))
        results = await asyncio.gather(*(_remind(sem, p, rx) for _, p, rx in todo))
        sent = [s.id for (s, _, _), ok in zip(todo, results) if ok]
        await RefillRepository(session).mark_reminded(sent, utcnow())
        await session.commit()
    return len(sent)


async def remind_one(schedule_id: int) -> bool:
    async with SessionLocal() as session:
        schedule = await session.get(RefillSchedule, schedule_id)
        if schedule is None:
            return False
        patient = await PatientRepository(session).get_by_id(schedule.patient_id)
        rx = await session.get(Prescription, schedule.prescription_id)
        if patient is None or rx is None or not patient.phone:
            return False
        ok = send_sms(patient.phone, _message(patient, rx))
        if ok:
            schedule.last_reminded_at = utcnow()
            await session.commit()
        return ok
