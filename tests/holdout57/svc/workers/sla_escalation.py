"""Escalates open claims whose SLA has lapsed to the adjuster's supervisor."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

import redis.asyncio as aioredis

from svc.db.engine import Database
from svc.infra.locks import try_leader
from svc.infra.metrics import WORKER_TICKS
from svc.repositories.adjusters import AdjusterRepository
from svc.repositories.claims import ClaimRepository
from svc.services.status_broadcaster import AdjusterFeed

log = logging.getLogger(__name__)

ESCALATION_STEP_SECONDS = 4 * 3600
MAX_LEVEL = 3

_escalated_at_level: dict[int, int] = {}


class SlaEscalationWorker:
    name = "sla-escalation"

    def __init__(self, db: Database, redis: aioredis.Redis, feed: AdjusterFeed, interval: int) -> None:
        self._db = db
        self._redis = redis
        self._feed = feed
        self._interval = interval

    async def run(self) -> None:
        while True:
            try:
                if await try_leader(self._redis, self.name, ttl=self._interval):
                    escalated = await self.tick()
                    WORKER_TICKS.labels(self.name, "ok").inc()
                    if escalated:
                        log.info("escalated %d claims", escalated)
            except asyncio.CancelledError:
                raise
            except Exception:
                WORKER_TICKS.labels(self.name, "error").inc()
                log.exception("SLA escalation tick failed")
            await asyncio.sleep(self._interval)

    async def tick(self) -> int:
        now = datetime.now(timezone.utc)
        count = 0
        async with self._db.transaction() as session:
            claims = ClaimRepository(session)
            adjusters = AdjusterRepository(session)
            for claim in await claims.overdue(now):
                overdue_seconds = (now - claim.sla_due_at).seconds
                level = min(MAX_LEVEL, 1 + overdue_seconds // ESCALATION_STEP_SECONDS)
                if level <= claim.escalation_level or _escalated_at_level.get(claim.id) == level:
                    continue
                supervisor = await adjusters.supervisor_of(claim.adjuster_id) if claim.adjuster_id else None
                await claims.bump_escalation(claim.id)
                _escalated_at_level[claim.id] = level
                target = supervisor.id if supervisor else claim.adjuster_id
                if target is not None:
                    await self._feed.emit(
                        target, "sla_breach", {"claim_number": claim.claim_number, "level": level}
                    )
                count += 1
        return count
