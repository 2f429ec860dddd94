from __future__ import annotations

import asyncio
import csv
import gzip
import io
from datetime import datetime
from uuid import UUID

import structlog

from pulsewatch.clients import storage
from pulsewatch.config import Settings
from pulsewatch.errors import MonitorNotFound
from pulsewatch.repositories.check_results import CheckResultRepository
from pulsewatch.repositories.monitors import MonitorRepository

log = structlog.get_logger(__name__)

CSV_HEADER = ["checked_at", "region", "ok", "latency_ms", "status_code", "error"]


class ReportService:
    def __init__(self, settings: Settings, monitors: MonitorRepository, results: CheckResultRepository) -> None:
        self._settings = settings
        self._monitors = monitors
        self._results = results

    async def export_checks(self, org_id: UUID, monitor_id: UUID, start: datetime, end: datetime) -> str:
        monitor = await self._monitors.get_for_org(org_id, monitor_id)
        if monitor is None:
            raise MonitorNotFound("monitor not found")
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_HEADER)
        rows = 0
        async for row in self._results.stream_for_export(monitor_id, start, end):
            writer.writerow(
                [row["checked_at"].isoformat(), row["region"], row["ok"], row["latency_ms"], row["status_code"], row["error"] or ""]
            )
            rows += 1
        compressed = await asyncio.to_thread(gzip.compress, buffer.getvalue().encode(), 6)
        name = f"{org_id}/{monitor_id}-{start:%Y%m%d}-{end:%Y%m%d}.csv.gz"
        storage.write_report(self._settings.report_dir, name, compressed)
        log.info("report.exported", monitor_id=str(monitor_id), rows=rows, bytes=len(compressed))
        return name

    async def load_export(self, org_id: UUID, name: str) -> bytes:
        if not name.startswith(f"{org_id}/"):
            raise MonitorNotFound("export not found")
        return await asyncio.to_thread(storage.read_report, self._settings.report_dir, name)
