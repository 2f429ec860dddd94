from __future__ import annotations

import asyncio
import logging

from lifeline.repositories.appointments import AppointmentRepository
from lifeline.repositories.donors import DonorRepository
from lifeline.services.container import Container
from lifeline.utils.clock import utcnow

log = logging.getLogger(__name__)

POLL_SECONDS = 60


class ReminderWorker:
    def __init__(self, container: Container) -> None:
        self._c = container
        self._appointments = AppointmentRepository(container.pool)

    async def run_once(self) -> int:
        now = utcnow()
        due = await self._appointments.due_reminders(now, limit=5000)
        if not due:
            return 0
        async with self._c.sessions() as session:
            donors = await DonorRepository(session).get_many([row["donor_id"] for row in due])
        results = await asyncio.gather(
            *(self._c.notifications.remind(donors[row["donor_id"]], row["starts_at"]) for row in due if row["donor_id"] in donors)
        )
        await self._appointments.mark_reminded([row["id"] for row in due], now)
        return sum(1 for ok in results if ok)

    async def run_forever(self) -> None:
        while True:
            sent = await self.run_once()
            log.info("sent %d reminders", sent)
            await asyncio.sleep(POLL_SECONDS)
