"""Reporting: summaries, pivots, attribution and CSV exports over the event tables."""
from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import Sequence
from datetime import date, datetime, timezone
from typing import Any
from uuid import uuid4

import pandas as pd
from redis.asyncio import Redis

from svc.config import Settings
from svc.db.event_repo import EventRepository
from svc.db.report_repo import ReportRepository
from svc.errors import RateLimited
from svc.schemas import ExportJob
from svc.utils import write_csv, write_manifest

logger = logging.getLogger(__name__)

EXPORT_HEADER = ("id", "request_id", "campaign_id", "creative_id", "site_domain", "price_cpm", "ts")


class ReportingService:
    def __init__(self, reports: ReportRepository, events: EventRepository, redis: Redis, cfg: Settings) -> None:
        self._reports = reports
        self._events = events
        self._redis = redis
        self._export_dir = cfg.export_dir
        self._daily_export_quota = cfg.daily_export_quota
        self._jobs: dict[str, ExportJob] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    async def summary(self, campaign_ids: Sequence[int], day_from: date, day_to: date) -> list[dict[str, Any]]:
        rows = await self._reports.campaign_totals(campaign_ids, day_from, day_to)
        return [dict(row) for row in rows]

    async def pivot(self, campaign_ids: Sequence[int], day_from: date, day_to: date) -> dict[str, Any]:
        """Spend per day (rows) and campaign (columns) for the dashboard heatmap."""
        rows = await self._reports.daily_rows(campaign_ids, day_from, day_to)
        frame = pd.DataFrame.from_records([dict(row) for row in rows])
        table = frame.pivot_table(index="day", columns="campaign_id", values="spend", aggfunc="sum", fill_value=0)
        return json.loads(table.to_json(orient="split", date_format="iso"))

    async def attribution(self, campaign_id: int, start: datetime, end: datetime) -> dict[str, int]:
        """Clicks per site, attributed to the impression that produced them."""
        impressions = await self._events.impressions_in_window(campaign_id, start, end, limit=50_000)
        clicks = await self._reports.clicks_for_campaign(campaign_id, start, end)
        by_site: dict[str, int] = {}
        for click in clicks:
            matched = [imp for imp in impressions if imp["request_id"] == click["impression_request_id"]]
            if matched:
                site = matched[0]["site_domain"]
                by_site[site] = by_site.get(site, 0) + 1
        return by_site

    async def start_export(self, advertiser_id: int, campaign_id: int) -> ExportJob:
        await self._check_quota(advertiser_id)
        job = ExportJob(id=uuid4().hex, campaign_id=campaign_id, status="running")
        self._jobs[job.id] = job
        task = asyncio.create_task(self._run_export(job))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    def job_status(self, job_id: str) -> ExportJob | None:
        return self._jobs.get(job_id)

    async def _run_export(self, job: ExportJob) -> None:
        path = os.path.join(self._export_dir, f"campaign-{job.campaign_id}-{job.id}.csv")
        try:
            rows = await self._reports.export_impressions(job.campaign_id)
            count = write_csv(path, EXPORT_HEADER, rows)
            manifest = {
                "rows": count,
                "campaign_id": job.campaign_id,
                "created_at": datetime.now(timezone.utc).isoformat(),
            }
            await asyncio.to_thread(write_manifest, f"{path}.json", manifest)
        except Exception as exc:
            logger.exception("export %s for campaign %s failed", job.id, job.campaign_id)
            self._jobs[job.id] = job.model_copy(update={"status": "failed", "error": str(exc)})
            return
        self._jobs[job.id] = job.model_copy(update={"status": "done", "path": path})

    async def _check_quota(self, advertiser_id: int) -> None:
        key = f"export-quota:{advertiser_id}:{date.today():%Y%m%d}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, 86_400)
            used, _ = await pipe.execute()
        if int(used) > self._daily_export_quota:
            raise RateLimited(f"daily export quota of {self._daily_export_quota} reached")
