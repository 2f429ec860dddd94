"""Nightly billing export job."""
from __future__ import annotations

import asyncio
import csv
import logging
import os
from datetime import datetime, timezone

from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from ..clients.clearinghouse import upload_batch
from ..config import get_settings
from ..db.pg import transaction
from ..services.audit import audit
from ..services.billing_export import BillingRepo, Fee, build_export, export_filename
from ..utils.locks import LockNotAcquired, distributed_lock

log = logging.getLogger(__name__)


FEE_SCHEDULE_PATH = os.environ.get("LIMS_FEE_SCHEDULE", "/etc/lims/fee_schedule.csv")


def _read_schedule(path: str) -> list[Fee]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [
            Fee(cpt=row["cpt"], modifier=row.get("modifier") or None, cents=int(row["cents"]))
            for row in csv.DictReader(fh)
        ]


async def load_fee_schedule(path: str = FEE_SCHEDULE_PATH) -> list[Fee]:
    return await asyncio.to_thread(_read_schedule, path)


async def run_billing_export() -> None:
    try:
        async with distributed_lock("billing-export", ttl_ms=30 * 60 * 1000):
            await _export()
    except LockNotAcquired:
        log.info("billing export already running on another worker")


async def _export() -> None:
    engine = create_async_engine(get_settings().accounts_dsn, pool_size=5)
    schedule = await load_fee_schedule()
    async with transaction() as conn:
        repo = BillingRepo(conn)
        lines = await repo.unexported()
        if not lines:
            log.info("billing export: nothing to do")
            return
        async with AsyncSession(engine) as session:
            payload, line_ids = await build_export(session, lines, schedule)
        receipt = await upload_batch(export_filename(datetime.now(timezone.utc)), payload)
        await repo.mark_exported(line_ids)
    await audit.record("system", "billing_export", "batch", receipt, {"lines": len(line_ids)})
