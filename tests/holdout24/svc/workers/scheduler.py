"""Background scheduling: the supervisor used for long-running loops and the nightly export scheduler."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from svc.db.pool import Database
from svc.services.exports import ExportService

log = logging.getLogger(__name__)

HEALTHY_RUN_SECONDS = 300.0


async def supervise(
    name: str,
    factory: Callable[[], Awaitable[None]],
    *,
    initial_backoff: float = 1.0,
    max_backoff: float = 60.0,
) -> None:
    loop = asyncio.get_running_loop()
    backoff = initial_backoff
    while True:
        started = loop.time()
        try:
            await factory()
            log.warning("%s returned; restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("%s crashed (%s); restarting in %.1fs", name, type(exc).__name__, backoff)
        if loop.time() - started > HEALTHY_RUN_SECONDS:
            backoff = initial_backoff
        await asyncio.sleep(backoff)
        backoff = min(backoff * 2, max_backoff)


def _seconds_until(hour: int) -> float:
    now = datetime.now(UTC)
    target = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


class NightlyScheduler:
    """Queues an export for every active study at 02:00 UTC and archives the audit trail."""

    def __init__(self, db: Database, exports: ExportService) -> None:
        self._db = db
        self._exports = exports
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="nightly-scheduler")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(_seconds_until(hour=2))
            try:
                queued = await self._enqueue_active_studies()
                archive = await self._exports.archive_audit()
                log.info("nightly: %d exports queued, audit archived to %s", queued, archive)
            except Exception:
                log.exception("nightly scheduler run failed")

    async def _enqueue_active_studies(self) -> int:
        async with self._db.transaction() as conn:
            result = await conn.execute(
                "INSERT INTO export_jobs (study_id, sponsor_code, status, requested_by)"
                " SELECT id, sponsor_code, 'queued', 'scheduler' FROM studies WHERE status = 'active'"
            )
        return int(result.split()[-1])
