from __future__ import annotations

import asyncio
import hashlib
import logging

from ..container import Container
from ..repositories.clinical import FormRepository
from ..repositories.studies import StudyRepository
from ..utils.timeutil import next_run_at, utcnow

log = logging.getLogger(__name__)


class DataLockWorker:
    """Nightly soft-lock of studies whose database lock date has passed."""

    def __init__(self, container: Container) -> None:
        self._c = container

    async def run_forever(self) -> None:
        while True:
            wake_at = next_run_at(self._c.settings.data_lock_hour_utc)
            await asyncio.sleep(max(0.0, (wake_at - utcnow()).total_seconds()))
            await self.lock_due_studies()

    async def lock_due_studies(self) -> int:
        locked = 0
        async with self._c.sessionmaker() as session:
            studies = StudyRepository(session)
            forms = FormRepository(session)
            for study in await studies.list_enrolling():
                if study.locked_at is not None:
                    continue
                checksum = hashlib.sha256()
                submissions = await forms.list_for_study(study.id)
                for submission in submissions:
                    values = await forms.values_for(submission.id)
                    for value in sorted(values, key=lambda v: v.field_code):
                        checksum.update(f"{submission.id}:{value.field_code}={value.value}".encode())
                    submission.locked = True
                    submission.status = "locked"
                await studies.mark_locked(study.id, utcnow())
                await session.commit()
                await self._c.audit.record("system:data-lock", "study.soft_locked", "study", study.id,
                                           {"forms": len(submissions), "checksum": checksum.hexdigest()})
                log.info("soft-locked study %s (%d forms)", study.protocol_code, len(submissions))
                locked += 1
        return locked
