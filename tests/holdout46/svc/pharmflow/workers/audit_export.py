"""Daily export of the audit trail to the compliance archive (CSV, one file per day)."""
from __future__ import annotations

import csv
import datetime as dt
import json
import logging
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from ..config import get_settings
from ..redis_client import get_redis
from ..services.audit import events_between
from .base import acquire_job_lock, release_job_lock

log = logging.getLogger(__name__)

COLUMNS = ["id", "created_at", "actor_type", "actor_id", "action", "subject_type", "subject_id", "payload"]


async def _record_manifest(day: dt.date, rows: int, path: Path) -> None:
    settings = get_settings()
    engine = create_async_engine(settings.reporting_url)
    async with engine.begin() as conn:
        await conn.execute(
            text("INSERT INTO audit_exports (export_date, row_count, location) VALUES (:d, :n, :p)"),
            {"d": day, "n": rows, "p": str(path)},
        )


async def export_day(day: dt.date) -> Path:
    settings = get_settings()
    start = dt.datetime.combine(day, dt.time.min, tzinfo=dt.timezone.utc)
    events = await events_between(start, start + dt.timedelta(days=1))
    out = Path(settings.audit_export_dir) / f"audit_{day:%Y%m%d}.csv"
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for ev in events:
            writer.writerow([ev["id"], ev["created_at"].isoformat(), ev["actor_type"], ev["actor_id"], ev["action"], ev["subject_type"], ev["subject_id"], json.dumps(ev["payload"])])
    await _record_manifest(day, len(events), out)
    return out


async def export_yesterday() -> None:
    conn = get_redis()
    token = await acquire_job_lock(conn, "audit-export", ttl_seconds=3600)
    if token is None:
        log.info("audit export already running on another replica")
        return
    try:
        day = dt.date.today() - dt.timedelta(days=1)
        path = await export_day(day)
        log.info("audit export for %s written to %s", day, path)
    finally:
        await release_job_lock(conn, "audit-export", token)
