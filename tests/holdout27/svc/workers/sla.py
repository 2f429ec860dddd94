"""Escalates claims that have passed their handling SLA."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from redis.asyncio import Redis

from svc.clients.external import SupervisorNotifier
from svc.config import Settings
from svc.realtime.hub import ClaimStatusHub
from svc.repositories.claims import ClaimsRepository

logger = logging.getLogger(__name__)

LOCK_NAME = "locks:sla-escalation"


class SlaEscalationWorker:
    def __init__(
        self,
        claims: ClaimsRepository,
        lock_redis: Redis,
        notifier: SupervisorNotifier,
        hub: ClaimStatusHub,
        settings: Settings,
    ) -> None:
        self._claims = claims
        self._redis = lock_redis
        self._notifier = notifier
        self._hub = hub
        self._interval = settings.sla_scan_seconds

    async def run(self) -> None:
        while True:
            try:
                lock = self._redis.lock(LOCK_NAME, timeout=self._interval * 2)
                if await lock.acquire(blocking=False):
                    try:
                        await self._scan()
                    finally:
                        await lock.release()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("SLA escalation pass failed")
            await asyncio.sleep(self._interval)

    async def _scan(self) -> None:
        now = datetime.now(UTC)
        overdue = await self._claims.overdue(now, limit=500)
        if not overdue:
            return
        escalated = set(await self._claims.escalate_many([r["id"] for r in overdue]))
        for row in overdue:
            if row["id"] not in escalated:
                continue
            hours = (now - row["sla_due_at"]).total_seconds() / 3600
            self._notifier.page_supervisor(row["claim_number"], row["adjuster_email"], hours)
            await self._hub.publish_status(row["id"], "escalated")
        logger.info("escalated %d overdue claims", len(escalated))
