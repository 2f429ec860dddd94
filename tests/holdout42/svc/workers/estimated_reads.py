from __future__ import annotations

import datetime as dt
import logging

from svc.config import settings
from svc.db.engine import SessionLocal
from svc.db.pg import pool
from svc.repos.accounts import MetersRepo
from svc.repos.readings import ReadingsRepo
from svc.routers.admin import flag
from svc.services.estimation import EstimationService
from svc.utils.metrics import READINGS_INGESTED
from svc.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

BATCH = 500


async def nightly_estimates() -> None:
    if not flag("estimated_reads"):
        return
    readings = ReadingsRepo(pool())
    estimator = EstimationService(readings)
    yesterday = utcnow().date() - dt.timedelta(days=1)
    cutoff = utcnow() - dt.timedelta(hours=settings.estimate_after_hours)

    async with SessionLocal() as session:
        silent = await MetersRepo(session).silent_since(cutoff)
    read_yesterday = await readings.meters_read_on(yesterday)
    todo = [m for m in silent if m.id not in read_yesterday]

    written = 0
    for start in range(0, len(todo), BATCH):
        rows = await estimator.estimate(todo[start : start + BATCH], yesterday)
        await readings.insert_many(rows)
        written += len(rows)
    READINGS_INGESTED.labels(source="estimated").inc(written)
    logger.info("estimated reads: %d meters silent, %d estimates written for %s", len(silent), written, yesterday)
