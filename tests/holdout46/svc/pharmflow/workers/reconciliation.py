"""Nightly claim reconciliation against the PBM remittance drop."""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
from pathlib import Path

from ..config import get_settings
from ..db.engine import SessionLocal
from ..db.pg import pool
from ..services.reconciliation import Reconciler, load_remittance
from ..utils.timeutil import utcnow

log = logging.getLogger(__name__)

RUN_AT_HOUR = 2
LOOKBACK_DAYS = 14


def _seconds_until(hour: int) -> float:
    now = utcnow()
    target = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if target <= now:
        target += dt.timedelta(days=1)
    return (target - now).total_seconds()


async def reconcile_once(run_date: dt.date) -> None:
    settings = get_settings()
    path = Path(settings.remittance_dir) / f"835_{run_date:%Y%m%d}.x12"
    if not path.exists():
        log.warning("no remittance file for %s", run_date)
        return
    remit = await load_remittance(path)
    since = utcnow() - dt.timedelta(days=LOOKBACK_DAYS)
    async with SessionLocal() as session:
        result = await Reconciler(session).reconcile(remit, since)
    async with pool().acquire() as conn:
        await conn.execute(
            "INSERT INTO reconciliation_runs (run_date, matched, unmatched, finished_at) VALUES ($1, $2, $3, now()) "
            "ON CONFLICT (run_date) DO UPDATE SET matched = EXCLUDED.matched, unmatched = EXCLUDED.unmatched, finished_at = now()",
            run_date,
            result.matched,
            len(result.unmatched_remit),
        )
    log.info("reconciled %s: matched=%d adjusted=%d unmatched=%d", run_date, result.matched, result.adjusted, len(result.unmatched_remit))


async def run_forever() -> None:
    while True:
        await asyncio.sleep(_seconds_until(RUN_AT_HOUR))
        await reconcile_once(utcnow().date() - dt.timedelta(days=1))
