"""Matches queued jobs to connected runners, respecting per-org concurrency limits."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import get_settings
from svc.db.engine import SessionFactory
from svc.db.models import Build, Job, Repo
from svc.repositories.jobs import JobRepository
from svc.services.quota import QuotaService
from svc.services.runner_registry import RunnerConnection, RunnerRegistry
from svc.services.secrets import SecretInjector
from svc.utils.common import utcnow
from svc.utils.metrics import JOBS_DISPATCHED

logger = logging.getLogger(__name__)


def pick_runner(candidates: list[RunnerConnection]) -> RunnerConnection | None:
    if not candidates:
        return None
    return min(candidates, key=lambda c: (len(c.active_jobs), c.runner_id))


class Dispatcher:
    def __init__(self, registry: RunnerRegistry, quota: QuotaService, secrets: SecretInjector) -> None:
        self._registry = registry
        self._quota = quota
        self._secrets = secrets
        self._settings = get_settings()

    async def _needs_satisfied(self, session: AsyncSession, job: Job, finished: dict[int, set[str]]) -> bool:
        needs = job.spec.get("needs") or []
        if not needs:
            return True
        if job.build_id not in finished:
            siblings = await JobRepository(session).list_for_build(job.build_id)
            finished[job.build_id] = {j.name for j in siblings if j.status == "success"}
        return set(needs) <= finished[job.build_id]

    async def tick(self) -> int:
        dispatched = 0
        async with SessionFactory() as session:
            jobs_repo = JobRepository(session)
            queued = await jobs_repo.list_queued(limit=200)
            finished: dict[int, set[str]] = {}
            for job in queued:
                if not await self._needs_satisfied(session, job, finished):
                    continue
                running = await jobs_repo.count_running(job.org_id)
                limit = await self._quota.limit_for(session, job.org_id)
                if running >= limit:
                    continue
                runner = pick_runner(self._registry.candidates(job.org_id, set(job.labels)))
                if runner is None:
                    continue
                lease_until = utcnow() + timedelta(seconds=self._settings.lease_seconds)
                if not await jobs_repo.claim(job.id, runner.runner_id, lease_until):
                    continue
                await session.commit()
                build = await session.get(Build, job.build_id)
                repo = await session.get(Repo, build.repo_id)
                env = await self._secrets.resolve_for_job(session, job.org_id, repo.id, job.spec.get("secrets", []))
                assigned = await self._registry.assign(runner.runner_id, job.id, self._settings.lease_seconds)
                if not assigned:
                    continue
                await self._registry.send(runner.runner_id, {
                    "type": "job",
                    "job_id": job.id,
                    "build": {"id": build.id, "number": build.number, "sha": build.commit_sha, "ref": build.ref},
                    "repo": repo.full_name,
                    "spec": job.spec,
                    "secrets": env,
                    "lease_seconds": self._settings.lease_seconds,
                })
                JOBS_DISPATCHED.inc()
                dispatched += 1
        return dispatched

    async def run(self) -> None:
        interval = self._settings.dispatch_interval
        while True:
            count = await self.tick()
            if count:
                logger.debug("dispatched %d jobs", count)
            await asyncio.sleep(interval)
