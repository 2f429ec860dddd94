"""Export job runner: claims queued export jobs and hands them to the export service."""
from __future__ import annotations

import asyncio
import logging
import time

import asyncpg
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import Settings
from svc.db.models import FormSubmission, Participant
from svc.db.pool import Database, build_engine
from svc.services.exports import ExportService

log = logging.getLogger(__name__)


def _backoff(attempt: int) -> None:
    time.sleep(min(0.2 * 2**attempt, 2.0))


class ExportWorker:
    """Claims queued export jobs; safe to run in every replica (row locks with SKIP LOCKED)."""

    def __init__(self, settings: Settings, db: Database, exports: ExportService, poll_interval: float = 5.0) -> None:
        self._settings = settings
        self._db = db
        self._exports = exports
        self._poll = poll_interval

    async def run(self) -> None:
        while True:
            job = await self._claim()
            if job is None:
                await asyncio.sleep(self._poll)
                continue
            await self._process(job)

    async def _claim(self) -> asyncpg.Record | None:
        async with self._db.transaction() as conn:
            return await conn.fetchrow(
                "UPDATE export_jobs SET status = 'running', attempts = attempts + 1"
                " WHERE id = (SELECT id FROM export_jobs WHERE status = 'queued' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
                " RETURNING id, study_id, sponsor_code"
            )

    async def _process(self, job: asyncpg.Record) -> None:
        engine = build_engine(self._settings, self._settings.reporting_database_url)
        async with AsyncSession(engine) as session:
            stmt = (
                select(func.count(FormSubmission.id))
                .join(Participant, Participant.id == FormSubmission.participant_id)
                .where(Participant.study_id == job["study_id"])
            )
            submissions = await session.scalar(stmt)
        log.info("export %s: %s submissions in study %s", job["id"], submissions, job["study_id"])
        try:
            delivery_id = await self._exports.run_job(job)
        except Exception:
            log.exception("export %s failed", job["id"])
            await self._finish(job["id"], "failed", None)
            raise
        await self._finish(job["id"], "delivered" if delivery_id else "unchanged", delivery_id)

    async def _finish(self, job_id: int, status: str, delivery_id: str | None) -> None:
        for attempt in range(3):
            try:
                async with self._db.transaction() as conn:
                    await conn.execute(
                        "UPDATE export_jobs SET status = $2, delivery_id = $3, finished_at = now() WHERE id = $1",
                        job_id, status, delivery_id,
                    )
                return
            except asyncpg.DeadlockDetectedError:
                log.warning("deadlock while finishing export %s (attempt %d)", job_id, attempt + 1)
                _backoff(attempt)
        log.error("could not mark export %s as %s", job_id, status)

