from __future__ import annotations

import asyncio
import copy
import csv
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..models.cost import CostLineItem
from ..repositories.costs import CostRepository
from ..settings import Settings
from ..utils.pdf import build_pdf

logger = logging.getLogger(__name__)

CSV_HEADER = ("usage_date", "account_id", "service", "sku", "resource_id", "region", "cost", "currency")


@dataclass
class ExportJob:
    job_id: str
    tenant_id: int
    status: str = "queued"
    rows: int = 0
    path: str | None = None


def _as_row(item: CostLineItem) -> tuple[str, ...]:
    return (
        item.usage_date.isoformat(),
        str(item.account_id),
        item.service,
        item.sku,
        item.resource_id,
        item.region,
        f"{item.cost:.6f}",
        item.currency,
    )


def write_csv(path: Path, rows: Sequence[Sequence[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_HEADER)
        writer.writerows(rows)


class ReportService:
    def __init__(self, costs: CostRepository, settings: Settings) -> None:
        self._costs = costs
        self._dir = Path(settings.report_dir)
        self._max_rows = settings.export_max_rows
        self._jobs: dict[str, ExportJob] = {}
        self._tasks: set[asyncio.Task] = set()

    def start_export(self, tenant_id: int, start: date, end: date, fmt: str) -> ExportJob:
        job = ExportJob(job_id=uuid.uuid4().hex, tenant_id=tenant_id)
        self._jobs[job.job_id] = job
        task = asyncio.create_task(self._run_export(job, start, end, fmt))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    def get_job(self, tenant_id: int, job_id: str) -> ExportJob | None:
        job = self._jobs.get(job_id)
        if job is None or job.tenant_id != tenant_id:
            return None
        return job

    def file_for(self, job: ExportJob) -> Path | None:
        return Path(job.path) if job.path else None

    async def _run_export(self, job: ExportJob, start: date, end: date, fmt: str) -> None:
        job.status = "running"
        try:
            items = await self._costs.list_line_items(job.tenant_id, start, end, limit=self._max_rows)
            snapshot = copy.deepcopy(items)
            rows = [_as_row(item) for item in snapshot]
            path = self._dir / str(job.tenant_id) / f"{job.job_id}.{fmt}"
            if fmt == "csv":
                await asyncio.to_thread(write_csv, path, rows)
            else:
                content = await asyncio.to_thread(build_pdf, f"Cost export {start} to {end}", rows)
                await asyncio.to_thread(path.write_bytes, content)
            job.rows = len(rows)
            job.path = str(path)
            job.status = "done"
        except Exception:
            logger.exception("export %s failed for tenant %s", job.job_id, job.tenant_id)
            job.status = "failed"

    def render_pdf(self, title: str, rows: Sequence[Sequence[str]]) -> bytes:
        return build_pdf(title, rows)
