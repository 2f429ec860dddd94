"""Re-posts commit statuses when the git host asks for a re-run of a commit's checks."""
from __future__ import annotations

import asyncio
import logging

import redis.asyncio as redis
from redis.exceptions import ResponseError

from svc.db.engine import SessionFactory
from svc.db.models import Repo
from svc.repositories.builds import BuildRepository
from svc.services.status_checks import StatusReporter

logger = logging.getLogger(__name__)

STREAM = "ci:status-resync"
GROUP = "status-sync"


async def _ensure_group(client: redis.Redis) -> None:
    try:
        await client.xgroup_create(STREAM, GROUP, id="0", mkstream=True)
    except ResponseError as exc:
        if "BUSYGROUP" not in str(exc):
            raise


async def _resync(reporter: StatusReporter, sha: str) -> None:
    async with SessionFactory() as session:
        builds = await BuildRepository(session).find_by_sha(sha)
        if not builds:
            logger.info("no builds for %s; nothing to resync", sha[:8])
            return
        latest = builds[0]
        repo = await session.get(Repo, latest.repo_id)
    await reporter.report(latest, repo, latest.status)


async def run_status_sync(client: redis.Redis, reporter: StatusReporter, consumer: str, stop: asyncio.Event) -> None:
    await _ensure_group(client)
    while not stop.is_set():
        batches = await client.xreadgroup(GROUP, consumer, {STREAM: ">"}, count=20, block=5000)
        for _stream, entries in batches or []:
            for entry_id, fields in entries:
                try:
                    await _resync(reporter, fields["sha"])
                except Exception:
                    logger.exception("status resync for %s failed; leaving pending", fields.get("sha"))
                    continue
                await client.xack(STREAM, GROUP, entry_id)
