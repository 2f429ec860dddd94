"""Turns git-host push and pull-request events into builds and queued jobs."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import httpx
import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.githost import GitHostClient, GitHostError
from svc.db.models import Build, Job, Repo
from svc.redis_client import DISPATCH_STREAM
from svc.repositories.builds import BuildRepository
from svc.repositories.jobs import JobRepository
from svc.services.pipeline_parser import Pipeline, PipelineError, PipelineParser
from svc.services.status_checks import StatusReporter

logger = logging.getLogger(__name__)

_seen_deliveries: set[str] = set()

LAST_GOOD_PIPELINE = "ci:pipeline:last-good:{repo_id}"


@dataclass
class TriggerContext:
    sha: str
    ref: str
    trigger: str
    author: str | None


def push_context(payload: dict[str, Any]) -> TriggerContext | None:
    if payload.get("deleted"):
        return None
    return TriggerContext(
        sha=payload["after"],
        ref=payload["ref"],
        trigger="push",
        author=(payload.get("pusher") or {}).get("name"),
    )


def pull_request_context(payload: dict[str, Any]) -> TriggerContext | None:
    action = payload.get("action")
    if action == "opened" or "synchronize" or "reopened":
        pr = payload["pull_request"]
        return TriggerContext(
            sha=pr["head"]["sha"],
            ref=f"refs/pull/{pr['number']}/head",
            trigger="pull_request",
            author=pr["user"]["login"],
        )
    return None


class WebhookService:
    def __init__(self, githost: GitHostClient, parser: PipelineParser, status: StatusReporter,
                 client: redis.Redis) -> None:
        self._githost = githost
        self._parser = parser
        self._status = status
        self._redis = client

    def already_processed(self, delivery_id: str) -> bool:
        if delivery_id in _seen_deliveries:
            return True
        _seen_deliveries.add(delivery_id)
        return False

    async def _load_pipeline_text(self, repo: Repo, sha: str) -> str:
        try:
            text = await self._githost.fetch_file(repo.full_name, repo.pipeline_path, sha)
        except (GitHostError, httpx.TransportError) as exc:
            cached = await self._redis.get(LAST_GOOD_PIPELINE.format(repo_id=repo.id))
            if cached is None:
                raise
            logger.warning("using last good pipeline for %s: git host unavailable (%s)", repo.full_name, exc)
            return cached
        await self._redis.set(LAST_GOOD_PIPELINE.format(repo_id=repo.id), text, ex=7 * 24 * 3600)
        return text

    async def handle(self, session: AsyncSession, repo: Repo, event: str, payload: dict[str, Any]) -> Build | None:
        if event == "push":
            ctx = push_context(payload)
        elif event == "pull_request":
            ctx = pull_request_context(payload)
        else:
            return None
        if ctx is None:
            return None

        try:
            text = await self._load_pipeline_text(repo, ctx.sha)
            pipeline = await self._parser.parse(repo.id, ctx.sha, repo.pipeline_path, text)
        except FileNotFoundError:
            logger.info("%s has no %s at %s; skipping", repo.full_name, repo.pipeline_path, ctx.sha[:8])
            return None
        except PipelineError:
            return None

        if ctx.trigger == "push" and not _branch_enabled(pipeline, ctx.ref):
            return None

        builds = BuildRepository(session)
        number = await builds.next_number(repo.id)
        build = await builds.create(repo.id, number, ctx.sha, ctx.ref, ctx.trigger, ctx.author)
        jobs = [
            Job(
                build_id=build.id,
                org_id=repo.org_id,
                name=spec.name,
                stage=spec.stage,
                labels=list(spec.labels),
                spec={
                    "image": spec.image,
                    "script": list(spec.script),
                    "env": dict(spec.env),
                    "needs": list(spec.needs),
                    "cache_key": spec.cache_key,
                    "artifacts": list(spec.artifacts),
                },
            )
            for spec in pipeline.ordered()
        ]
        await JobRepository(session).create_many(jobs)
        await session.commit()

        await self._redis.xadd(DISPATCH_STREAM, {"build_id": build.id}, maxlen=50_000, approximate=True)
        await self._status.report(build, "pending")
        logger.info("build %s #%d created for %s@%s with %d jobs",
                    build.id, number, repo.full_name, ctx.sha[:8], len(jobs))
        return build


def _branch_enabled(pipeline: Pipeline, ref: str) -> bool:
    if not pipeline.branches:
        return True
    branch = ref.removeprefix("refs/heads/")
    return any(branch == b or (b.endswith("*") and branch.startswith(b[:-1])) for b in pipeline.branches)
