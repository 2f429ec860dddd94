from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timezone

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from glossa.clients.storage import ObjectStorage
from glossa.db.models import ExportJob
from glossa.repositories.jobs import ExportJobRepository
from glossa.repositories.projects import ProjectRepository
from glossa.repositories.strings import StringRepository, TranslationRepository
from glossa.services.exports import ExportBuilder
from glossa.workers import build_context

logger = logging.getLogger(__name__)


class ExportWorker:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], jobs: ExportJobRepository, builder: ExportBuilder, batch: int) -> None:
        self._sessions = sessions
        self._jobs = jobs
        self._builder = builder
        self._batch = batch

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            async with self._sessions() as session:
                jobs = await self._jobs.next_queued(session, self._batch)
                now = datetime.now(timezone.utc)
                for job in jobs:
                    job.status = "running"
                    job.started_at = now
                await session.commit()
            if not jobs:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=2.0)
                continue
            for job in jobs:
                await self._run_one(job)

    async def _run_one(self, job: ExportJob) -> None:
        try:
            key = await self._builder.build(job)
        except Exception:
            logger.exception("export job %s (project %s) failed", job.id, job.project_id)
            await self._finish(job.id, "failed", error="export failed; see worker logs")
            await self._builder.progress(job.id, "failed")
            return
        await self._finish(job.id, "done", artifact_key=key)

    async def _finish(self, job_id: int, status: str, **fields: str) -> None:
        async with self._sessions() as session, session.begin():
            await self._jobs.finish(session, job_id, status, **fields)


async def run_export_worker(stop: asyncio.Event, *, concurrency: int = 2) -> None:
    ctx = await build_context()
    storage = ObjectStorage(
        ctx.settings.storage_url, ctx.settings.storage_bucket, ctx.settings.storage_token, ctx.http, ctx.settings.signing_secret
    )
    builder = ExportBuilder(
        ctx.settings, ctx.sessions, ProjectRepository(), StringRepository(), TranslationRepository(), storage, ctx.redis
    )
    try:
        await ExportWorker(ctx.sessions, ExportJobRepository(), builder, batch=concurrency).run(stop)
    finally:
        await ctx.aclose()
