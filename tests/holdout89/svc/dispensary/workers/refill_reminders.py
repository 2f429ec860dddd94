"""Sends SMS refill reminders for prescriptions whose supply is about to run out."""
from __future__ import annotations

import asyncio
import logging

from dispensary.container import Container
from dispensary.db.models import Patient, Prescription, RefillReminder
from dispensary.repositories.patients import PatientRepository
from dispensary.repositories.prescriptions import PrescriptionRepository
from dispensary.repositories.refills import RefillReminderRepository
from dispensary.utils.timeutil import local_today

logger = logging.getLogger(__name__)

CONCURRENT_SENDS = 8


class RefillReminderJob:
    def __init__(self, container: Container) -> None:
        self._c = container
        self._slots = asyncio.Semaphore(CONCURRENT_SENDS)

    async def run_once(self) -> None:
        today = local_today()
        async with self._c.sessions() as session:
            reminders = await RefillReminderRepository(session).due_reminders(today)
            prescriptions = await PrescriptionRepository(session).get_many(r.prescription_id for r in reminders)
            patients_repo = PatientRepository(session)
            work: list[tuple[RefillReminder, Patient, Prescription]] = []
            for reminder in reminders:
                patient = await patients_repo.get(reminder.patient_id)
                rx = prescriptions.get(reminder.prescription_id)
                if patient and rx and patient.sms_opt_in and patient.phone and rx.refills_remaining > 0:
                    work.append((reminder, patient, rx))
        results = await asyncio.gather(*(self._send(item) for item in work))
        sent = [reminder.id for (reminder, _, _), ok in zip(work, results) if ok]
        async with self._c.sessions() as session, session.begin():
            await RefillReminderRepository(session).mark_sent(sent)
        logger.info("refill reminders: %d due, %d sent", len(reminders), len(sent))

    async def _send(self, item: tuple[RefillReminder, Patient, Prescription]) -> bool:
        reminder, patient, rx = item
        async with self._slots:
            return await self._c.notifications.send_refill_reminder(
                patient.phone, patient.first_name, rx.drug_name or rx.drug_code, reminder.due_on.strftime("%b %d")
            )
