"""Cheat report intake. Scoring happens asynchronously in ``svc.workers.report_ingest``."""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.storage import ReplayStorage
from svc.db.models import CheatReport
from svc.db.repositories import ReportRepository
from svc.errors import GameError, RateLimitedError
from svc.telemetry import decode_telemetry, summarize_aim

logger = logging.getLogger(__name__)

MAX_TELEMETRY_BYTES = 20 * 1024 * 1024


class ReportIn(BaseModel):
    suspect_id: int
    match_id: int | None = None
    reason: str = Field(pattern="^(aimbot|wallhack|speedhack|griefing|other)$")
    details: str | None = Field(default=None, max_length=2000)


@dataclass
class _Bucket:
    tokens: float
    updated: float


class ReportRateLimiter:
    """Token bucket per reporter so one player cannot flood the review queue."""

    def __init__(self, per_minute: int, max_buckets: int = 50_000) -> None:
        self._rate = per_minute / 60.0
        self._capacity = float(per_minute)
        self._max_buckets = max_buckets
        self._buckets: dict[int, _Bucket] = {}

    def allow(self, reporter_id: int) -> bool:
        now = time.monotonic()
        bucket = self._buckets.get(reporter_id)
        if bucket is None:
            if len(self._buckets) >= self._max_buckets:
                self._evict_idle(now)
            bucket = self._buckets[reporter_id] = _Bucket(tokens=self._capacity, updated=now)
        bucket.tokens = min(self._capacity, bucket.tokens + (now - bucket.updated) * self._rate)
        bucket.updated = now
        if bucket.tokens < 1.0:
            return False
        bucket.tokens -= 1.0
        return True

    def _evict_idle(self, now: float) -> None:
        idle_after = self._capacity / self._rate
        for key in [k for k, b in self._buckets.items() if now - b.updated > idle_after]:
            del self._buckets[key]


class ReportService:
    def __init__(
        self,
        session: AsyncSession,
        limiter: ReportRateLimiter,
        storage: ReplayStorage,
        ingest_queue: asyncio.Queue[int],
    ) -> None:
        self.session = session
        self.repo = ReportRepository(session)
        self.limiter = limiter
        self.storage = storage
        self.ingest_queue = ingest_queue

    async def submit(self, reporter_id: int, body: ReportIn, telemetry_blob: bytes | None) -> CheatReport:
        if body.suspect_id == reporter_id:
            raise GameError("cannot report yourself")
        if not self.limiter.allow(reporter_id):
            raise RateLimitedError("too many reports, try again later")
        report = await self.repo.add(
            CheatReport(
                reporter_id=reporter_id,
                suspect_id=body.suspect_id,
                match_id=body.match_id,
                reason=body.reason,
                details=body.details,
            )
        )
        if telemetry_blob:
            await self._attach_telemetry(report, telemetry_blob)
        await self.session.commit()
        self.ingest_queue.put_nowait(report.id)
        logger.info("report %s filed against %s", report.id, body.suspect_id)
        return report

    async def _attach_telemetry(self, report: CheatReport, blob: bytes) -> None:
        if len(blob) > MAX_TELEMETRY_BYTES:
            raise GameError("telemetry upload too large")
        frames = decode_telemetry(blob)
        loop = asyncio.get_running_loop()
        summary = await loop.run_in_executor(None, summarize_aim, frames)
        report.aim_snap_ratio = summary.snap_ratio
        report.telemetry_key = await self.storage.upload(f"telemetry/{report.id}.json.z", blob)

    async def mine(self, reporter_id: int) -> list[CheatReport]:
        return await self.repo.by_reporter(reporter_id, limit=20)
