from __future__ import annotations

import asyncio
import logging
from typing import Final
from uuid import UUID

import asyncpg
from redis.asyncio import Redis

from svc.clients.partners import NotificationClient
from svc.realtime import AdjusterHub

logger = logging.getLogger(__name__)

OPEN_STATUSES: Final = ("submitted", "assigned", "in_review", "info_requested", "manual_review")
_LOCK_NAME: Final = "locks:sla-escalation"


class SlaEscalationScheduler:
    """Escalates claims whose SLA deadline has passed to the adjuster's supervisor.

    Every replica runs the loop; only the holder of the redis lock scans in a given tick.
    """

    def __init__(
        self,
        pool: asyncpg.Pool,
        lock_redis: Redis,
        hub: AdjusterHub,
        notifier: NotificationClient,
        interval_seconds: int,
    ) -> None:
        self._pool = pool
        self._lock_redis = lock_redis
        self._hub = hub
        self._notifier = notifier
        self._interval = interval_seconds
        self._notify_slots = asyncio.Semaphore(10)

    async def run(self) -> None:
        backoff = 1.0
        while True:
            try:
                await self._tick()
                backoff = 1.0
                await asyncio.sleep(self._interval)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("SLA escalation tick failed; retrying in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 300.0)

    async def _tick(self) -> None:
        lock = self._lock_redis.lock(_LOCK_NAME, timeout=self._interval * 2)
        if not await lock.acquire(blocking=False):
            return
        try:
            escalations = await self._scan()
        finally:
            await lock.release()
        if escalations:
            await asyncio.gather(*(self._notify(email, number) for email, number in escalations))

    async def _scan(self) -> list[tuple[str, str]]:
        async with self._pool.acquire(timeout=5.0) as conn:
            overdue = await conn.fetch("SELECT id, claim_number, adjuster_id FROM claims WHERE sla_due_at < now() AND status = ANY($1::text[]) ORDER BY sla_due_at LIMIT 500", list(OPEN_STATUSES))
            targets: list[tuple[UUID, str, str]] = []
            for claim in overdue:
                if claim["adjuster_id"] is None:
                    continue
                supervisor = await conn.fetchrow("SELECT s.id, s.email FROM adjusters a JOIN adjusters s ON s.id = a.supervisor_id WHERE a.id = $1", claim["adjuster_id"])
                if supervisor is not None:
                    targets.append((claim["id"], claim["claim_number"], supervisor["email"]))
            if not targets:
                return []
            inserted = await conn.fetch(
                "INSERT INTO sla_escalations (claim_id, level) SELECT unnest($1::uuid[]), 1 "
                "ON CONFLICT (claim_id, level) DO NOTHING RETURNING claim_id",
                [t[0] for t in targets],
            )
        fresh = {row["claim_id"] for row in inserted}
        return [(email, number) for claim_id, number, email in targets if claim_id in fresh]

    async def _notify(self, supervisor_email: str, claim_number: str) -> None:
        async with self._notify_slots:
            try:
                await self._notifier.notify_adjuster(supervisor_email, f"SLA breached: {claim_number}", f"Claim {claim_number} is past its SLA deadline.")
            except Exception:
                logger.exception("could not notify %s about %s", supervisor_email, claim_number)
