"""Daily reminders to site staff about overdue data queries."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel
from redis.exceptions import LockError

from svc.clients.internal import NotificationClient
from svc.config import Settings
from svc.services.queries import QueryService

log = logging.getLogger(__name__)


class ReminderWorker:
    LOCK_NAME = "edc:lock:query-reminders"

    def __init__(self, settings: Settings, queries: QueryService, notify: NotificationClient, locks: Redis, interval: float = 3600.0) -> None:
        self._queries = queries
        self._notify = notify
        self._locks = locks
        self._interval = interval
        self._dedupe = Sentinel(settings.redis_sentinels).master_for(settings.redis_master_name, decode_responses=True)

    async def run(self) -> None:
        while True:
            lock = self._locks.lock(self.LOCK_NAME, timeout=900, blocking=False)
            if await lock.acquire():
                try:
                    sent = await self._send_reminders()
                    log.info("query reminders sent to %d assignees", sent)
                finally:
                    with contextlib.suppress(LockError):
                        await lock.release()
            await asyncio.sleep(self._interval)

    async def _send_reminders(self) -> int:
        by_assignee = await self._queries.overdue_sweep()
        today = datetime.now(UTC).date().isoformat()
        sent = 0
        for user_id, query_ids in by_assignee.items():
            if not await self._dedupe.set(f"edc:reminded:{user_id}:{today}", "1", nx=True, ex=86_400):
                continue
            try:
                await self._notify.query_reminder(user_id, query_ids)
            except Exception:
                continue
            sent += 1
        return sent
