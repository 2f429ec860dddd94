"""Build lifecycle: listing, job completion and final status roll-up."""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from typing import Any

import redis.asyncio as redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Build, Job, Org, Repo
from svc.redis_client import BUILD_EVENTS_CHANNEL
from svc.repositories.builds import BuildRepository
from svc.repositories.jobs import TERMINAL, JobRepository
from svc.services.notifications import Notifier
from svc.services.pr_feedback import PullRequestFeedback
from svc.services.status_checks import StatusReporter

logger = logging.getLogger(__name__)


@dataclass
class BuildSummary:
    id: int
    number: int
    ref: str
    status: str
    jobs: list[dict[str, Any]]


def rollup(statuses: list[str]) -> str:
    if any(s not in TERMINAL for s in statuses):
        return "running"
    if "error" in statuses:
        return "error"
    if "failed" in statuses:
        return "failed"
    if "cancelled" in statuses:
        return "cancelled"
    return "success"


def _job_dict(job: Job) -> dict[str, Any]:
    return {"id": job.id, "name": job.name, "stage": job.stage, "status": job.status, "attempt": job.attempt}


class EventBus:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    async def publish_build_event(self, org_id: int, payload: dict[str, Any]) -> None:
        await self._redis.publish(BUILD_EVENTS_CHANNEL.format(org_id=org_id), json.dumps(payload, default=str))


class BuildService:
    def __init__(self, notifier: Notifier, status: StatusReporter, events: EventBus,
                 feedback: PullRequestFeedback | None = None) -> None:
        self._notifier = notifier
        self._feedback = feedback
        self._status = status
        self._events = events
        self._background: set[asyncio.Task[None]] = set()

    async def recent_with_jobs(self, session: AsyncSession, repo_id: int, limit: int = 20) -> list[BuildSummary]:
        builds = await BuildRepository(session).list_recent(repo_id, limit=limit)
        jobs_repo = JobRepository(session)
        summaries = []
        for build in builds:
            jobs = await jobs_repo.list_for_build(build.id)
            summaries.append(BuildSummary(build.id, build.number, build.ref, build.status, [_job_dict(j) for j in jobs]))
        return summaries

    async def dashboard(self, session: AsyncSession, repo_id: int, limit: int = 50) -> list[BuildSummary]:
        builds = await BuildRepository(session).list_recent(repo_id, limit=limit)
        grouped = await JobRepository(session).list_for_builds([b.id for b in builds])
        return [
            BuildSummary(b.id, b.number, b.ref, b.status, [_job_dict(j) for j in grouped.get(b.id, [])])
            for b in builds
        ]

    def _spawn(self, coro: Any) -> None:
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def job_finished(self, session: AsyncSession, job_id: int, status: str, exit_code: int | None) -> None:
        jobs_repo = JobRepository(session)
        await jobs_repo.finish(job_id, status, exit_code)
        job = await jobs_repo.get(job_id)
        if job is None:
            return
        siblings = await jobs_repo.list_for_build(job.build_id)
        final = rollup([j.status for j in siblings])
        build = await session.get(Build, job.build_id)
        repo = await session.get(Repo, build.repo_id)
        org = await session.get(Org, job.org_id)
        await BuildRepository(session).set_status(build.id, final)
        await session.commit()
        self._events.publish_build_event(job.org_id, {"build_id": build.id, "job_id": job_id, "status": final})
        conclusion = "success" if status == "success" else "failure"
        self._spawn(self._status.post_check_run(repo, build, job.name, conclusion, f"exit code {exit_code}"))
        if final == "running":
            return
        self._spawn(self._status.report(build, repo, final))
        if final == "failed" and self._feedback is not None:
            self._spawn(self._feedback.post(build.id))
        asyncio.create_task(self._notifier.notify_build_finished(org, repo, build))
        logger.info("build %s finished: %s", build.id, final)

    async def rerun_failed(self, session: AsyncSession, build_id: int) -> list[int]:
        """Requeue every failed or cancelled job of a build in one statement."""
        result = await session.execute(
            text(
                "UPDATE jobs SET status = 'queued', runner_id = NULL, exit_code = NULL, "
                "lease_expires_at = NULL, attempt = attempt + 1, queued_at = now() "
                "WHERE build_id = :build_id AND status IN ('failed', 'cancelled', 'error') RETURNING id"
            ),
            {"build_id": build_id},
        )
        requeued = [row[0] for row in result.all()]
        if requeued:
            await BuildRepository(session).set_status(build_id, "running")
        await session.commit()
        if requeued:
            build = await session.get(Build, build_id)
            repo = await session.get(Repo, build.repo_id)
            await self._events.publish_build_event(repo.org_id, {"build_id": build_id, "status": "running"})
            logger.info("build %s: requeued %d jobs", build_id, len(requeued))
        return requeued
