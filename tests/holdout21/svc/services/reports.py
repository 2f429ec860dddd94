"""Attendance and churn reports for gym managers."""
from __future__ import annotations

import asyncio
import io
import logging
from datetime import date, datetime, timedelta, timezone
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from svc import storage
from svc.clients.partners import ReportUploader
from svc.config import Settings
from svc.db.postgres import Database
from svc.repositories.members import MemberRepository

logger = logging.getLogger(__name__)


def attendance_summary(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    frame = pd.DataFrame(rows)
    if frame.empty:
        return []
    frame["hour"] = pd.to_datetime(frame["checked_in_at"]).dt.hour
    summary = frame.groupby(["gym_id", "hour"]).agg(visits=("member_id", "count"), members=("member_id", "nunique"))
    return summary.reset_index().to_dict(orient="records")


def build_churn_frame(rows: list[dict[str, Any]], window_days: int) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    frame["days_idle"] = (pd.Timestamp.now(tz="UTC") - pd.to_datetime(frame["last_visit_at"], utc=True)).dt.days
    frame["risk"] = (frame["days_idle"] / window_days).clip(upper=3.0)
    return frame.sort_values("risk", ascending=False)


class ReportService:
    def __init__(self, settings: Settings, db: Database, redis: Redis, members: MemberRepository, uploader: ReportUploader) -> None:
        self._settings = settings
        self._db = db
        self._redis = redis
        self._members = members
        self._uploader = uploader

    @property
    def redis(self) -> Redis:
        return self._redis

    async def hourly_attendance(self, gym_id: int, day: date) -> list[dict[str, Any]]:
        start = datetime.combine(day, datetime.min.time(), tzinfo=timezone.utc)
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                """
                SELECT member_id, gym_id, checked_in_at FROM check_ins
                WHERE gym_id = $1 AND checked_in_at >= $2 AND checked_in_at < $3
                """,
                gym_id, start, start + timedelta(days=1),
            )
        return attendance_summary([dict(r) for r in rows])

    async def monthly_export(self, gym_id: int, month_start: date) -> bytes:
        engine = create_async_engine(self._settings.sqlalchemy_url, pool_size=2)
        async with engine.connect() as conn:
            result = await conn.execute(
                text(
                    "SELECT member_id, checked_in_at FROM check_ins "
                    "WHERE gym_id = :gym AND checked_in_at >= :start AND checked_in_at < :end "
                    "ORDER BY checked_in_at"
                ),
                {"gym": gym_id, "start": month_start, "end": month_start + timedelta(days=31)},
            )
            rows = result.mappings().all()
        frame = await asyncio.to_thread(pd.DataFrame, rows)
        buf = io.StringIO()
        await asyncio.to_thread(frame.to_csv, buf, index=False)
        return buf.getvalue().encode()

    async def churn_report(self, now: datetime) -> str:
        cutoff = now - timedelta(days=self._settings.churn_window_days)
        inactive = [dict(r) for r in await self._members.inactive_since(cutoff)]
        contacted = await self._redis.lrange("churn:contacted", 0, -1)
        fresh = [m for m in inactive if str(m["id"]) not in contacted]
        frame = await asyncio.to_thread(build_churn_frame, fresh, self._settings.churn_window_days)
        path = Path(self._settings.report_dir) / f"churn-{now:%Y%m%d}.csv"
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, partial(frame.to_csv, path, index=False))
        encrypted = storage.encrypt_report(str(path), self._settings.report_recipient_key)
        content = await asyncio.to_thread(Path(encrypted).read_bytes)
        await self._uploader.upload(Path(encrypted).name, content)
        if fresh:
            await self._redis.rpush("churn:contacted", *[str(m["id"]) for m in fresh])
        logger.info("churn report %s: %d members at risk", path.name, len(fresh))
        return encrypted
