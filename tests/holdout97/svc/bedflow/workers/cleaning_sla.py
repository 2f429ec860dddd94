from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from ..container import Container
from ..repositories.cleaning import CleaningRepository
from ..utils.timeutil import minutes_between, utcnow

log = logging.getLogger(__name__)

POLL_SECONDS = 60


class CleaningSlaWorker:
    name = "cleaning-sla"

    def __init__(self, container: Container) -> None:
        self._c = container
        self._sla = timedelta(minutes=container.settings.cleaning_sla_minutes)

    async def run_once(self) -> int:
        now = utcnow()
        async with self._c.sessions() as session:
            repo = CleaningRepository(session)
            overdue = await repo.list_overdue(now - self._sla)
            for task in overdue:
                waited = minutes_between(task.created_at, now)
                page_id = await self._c.notifier.escalate_cleaning(task.id, f"#{task.bed_id}", waited)
                if page_id is None:
                    logger.warning("escalation for task %s not delivered", task.id)
                    continue
                await repo.mark_escalated(task.id, now)
            await session.commit()
        return len(overdue)

    async def run(self) -> None:
        while True:
            count = await self.run_once()
            log.debug("cleaning SLA sweep escalated %d tasks", count)
            await asyncio.sleep(POLL_SECONDS)
