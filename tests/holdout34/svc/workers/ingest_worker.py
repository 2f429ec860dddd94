"""Polls live matches and feeds provider events through the ingest service.

Runs inside the web process; only the replica holding the ``ingest`` leadership polls.
Provider pushes (beta webhooks) arrive on any replica and are queued here too.
"""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from svc.config import settings
from svc.db.models import Match
from svc.db.repositories.matches import MatchRepository
from svc.metrics import metrics
from svc.redis_client import LeaderElection
from svc.services.ingest import IngestService

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestJob:
    match: Match
    provider: str = "alpha"
    raw_events: list[dict[str, Any]] | None = None
    enqueued_at: float = field(default_factory=time.monotonic)


class IngestWorker:
    def __init__(self, service: IngestService, matches: MatchRepository, leader: LeaderElection) -> None:
        self._service = service
        self._matches = matches
        self._leader = leader
        self._queue: asyncio.Queue[IngestJob] = asyncio.Queue()
        self._stopping = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self.last_processed_at: float | None = None

    def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._poll_loop(), name="ingest-poller"),
            asyncio.create_task(self._consume_loop(), name="ingest-consumer"),
        ]

    async def stop(self) -> None:
        self._stopping.set()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._leader.resign()

    def backlog(self) -> int:
        return self._queue.qsize()

    async def submit_push(self, match: Match, provider: str, raw_events: list[dict[str, Any]]) -> None:
        await self._queue.put(IngestJob(match=match, provider=provider, raw_events=raw_events))

    async def _poll_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                if await self._leader.is_leader():
                    for match in await self._matches.list_live():
                        await self._queue.put(IngestJob(match=match))
            except Exception:
                logger.exception("ingest poll cycle failed")
            await asyncio.sleep(settings.ingest_poll_interval)

    async def _consume_loop(self) -> None:
        while True:
            job = await self._queue.get()
            started = time.monotonic()
            if job.raw_events is None:
                count = await self._service.poll_match(job.match)
            else:
                count = await self._service.ingest_batch(job.match, job.provider, job.raw_events)
            metrics.inc("ingest.events", count)
            metrics.observe("ingest.lag", started - job.enqueued_at)
            self.last_processed_at = time.monotonic()
            self._queue.task_done()
