"""Out-of-band jobs run by a separate `arq svc.workers.arq_worker.WorkerSettings` process."""
from __future__ import annotations

import logging
from typing import Any

from arq import Retry, cron
from arq.connections import RedisSettings
from arq.worker import func

from svc.clients.lms import LmsClient, LmsError
from svc.config import settings
from svc.db.engine import SessionLocal, dispose_engine
from svc.metrics import configure_logging
from svc.services.grade_export import GradeExportService

logger = logging.getLogger(__name__)


async def export_exam_grades(ctx: dict[str, Any], exam_id: int) -> dict[str, Any]:
    async with SessionLocal() as session:
        try:
            return await GradeExportService(session, ctx["lms"]).export_exam_bulk(exam_id)
        except LmsError as exc:
            if exc.status is not None and exc.status < 500 and exc.status != 429:
                raise
            raise Retry(defer=ctx["job_try"] * 30) from exc


async def purge_stale_drafts(ctx: dict[str, Any]) -> int:
    redis = ctx["redis"]
    removed = 0
    async for key in redis.scan_iter(match="attempt:*:drafts", count=500):
        if await redis.ttl(key) == -1:
            await redis.expire(key, 7 * 24 * 3600)
            removed += 1
    logger.info("set expiry on %d draft hashes", removed)
    return removed


async def startup(ctx: dict[str, Any]) -> None:
    configure_logging()
    lms = LmsClient()
    await lms.start()
    ctx["lms"] = lms


async def shutdown(ctx: dict[str, Any]) -> None:
    await ctx["lms"].close()
    await dispose_engine()


class WorkerSettings:
    functions = [func(export_exam_grades, max_tries=6, timeout=180)]
    cron_jobs = [cron(purge_stale_drafts, hour={3}, minute={20}, unique=True)]
    redis_settings = RedisSettings.from_dsn(settings.redis_url)
    on_startup = startup
    on_shutdown = shutdown
    max_jobs = 8
    job_timeout = 300
