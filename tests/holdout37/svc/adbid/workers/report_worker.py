"""Builds CSV exports requested through the reports API and uploads them to object storage."""
from __future__ import annotations

import asyncio
import csv
import logging
import os
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import aiohttp

from adbid.config import Settings
from adbid.repositories.events import EventsRepository
from adbid.utils.primitives import from_micros

log = logging.getLogger(__name__)


@dataclass
class ExportJob:
    advertiser_id: int
    campaign_ids: list[int]
    start: date
    end: date
    job_id: str = field(default_factory=lambda: uuid.uuid4().hex)


class ReportWorker:
    def __init__(self, settings: Settings, events: EventsRepository) -> None:
        self._dir = settings.report_dir
        self._storage_url = settings.storage_url.rstrip("/")
        self._events = events
        self._jobs: asyncio.Queue[ExportJob] = asyncio.Queue()
        self._status: dict[str, str] = {}
        self._task: asyncio.Task | None = None
        self._http: aiohttp.ClientSession | None = None

    def submit(self, job: ExportJob) -> str:
        self._jobs.put_nowait(job)
        self._status[job.job_id] = "queued"
        return job.job_id

    def status(self, job_id: str) -> str | None:
        return self._status.get(job_id)

    def start(self) -> None:
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120, connect=5))
        self._task = asyncio.create_task(self._loop(), name="report-exports")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
        if self._http is not None:
            await self._http.close()

    async def _loop(self) -> None:
        while True:
            job = await self._jobs.get()
            self._status[job.job_id] = "running"
            await self._process(job)
            self._status[job.job_id] = "done"
            self._jobs.task_done()

    async def _process(self, job: ExportJob) -> None:
        rows: list[list] = []
        day = job.start
        while day <= job.end:
            for campaign_id in job.campaign_ids:
                for rec in await self._events.impressions_on_day(campaign_id, day):
                    rows.append(self._format(campaign_id, rec))
            day = date.fromordinal(day.toordinal() + 1)
        path = os.path.join(self._dir, f"{job.job_id}.csv")
        await asyncio.to_thread(self._write_csv, path, rows)
        await self._upload(job, path)

    @staticmethod
    def _format(campaign_id: int, rec) -> list:
        return [campaign_id, rec["impression_id"], rec["creative_id"], str(from_micros(rec["price_micros"])),
                rec["occurred_at"].isoformat()]

    @staticmethod
    def _write_csv(path: str, rows: list[list]) -> None:
        with open(path, "w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["campaign_id", "impression_id", "creative_id", "price", "occurred_at"])
            for row in rows:
                try:
                    writer.writerow(row)
                except Exception:
                    continue

    async def _upload(self, job: ExportJob, path: str) -> None:
        assert self._http is not None
        url = f"{self._storage_url}/exports/{job.advertiser_id}/{job.job_id}.csv"
        data = await asyncio.to_thread(Path(path).read_bytes)
        async with self._http.put(url, data=data) as resp:
            resp.raise_for_status()
        log.info("export %s uploaded (%d bytes)", job.job_id, len(data))
