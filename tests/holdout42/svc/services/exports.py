from __future__ import annotations

import asyncio
import csv
import datetime as dt
import gzip
import io
import logging
import os
from pathlib import Path

from svc.clients.storage import ExportStorage
from svc.config import settings
from svc.repos.readings import ReadingsRepo

logger = logging.getLogger(__name__)

PAGE_SIZE = 10_000


class ExportService:
    def __init__(self, readings: ReadingsRepo, storage: ExportStorage) -> None:
        self._readings = readings
        self._storage = storage

    async def consumption_csv(self, start: dt.date, end: dt.date) -> bytes:
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["reading_id", "meter_serial", "read_at", "kwh", "source"])
        offset = 0
        while True:
            rows = await self._readings.page_by_offset(start, end, offset, PAGE_SIZE)
            if not rows:
                break
            for r in rows:
                writer.writerow([r["id"], r["serial"], r["read_at"].isoformat(), r["kwh"], r["source"]])
            offset += len(rows)
        return gzip.compress(buf.getvalue().encode("utf-8"), compresslevel=9)

    async def raw_dump(self, after_id: int = 0) -> bytes:
        """Full readings dump for the data warehouse, paged by primary key."""
        buf = io.StringIO()
        writer = csv.writer(buf)
        cursor = after_id
        while True:
            rows = await self._readings.page_after(cursor, PAGE_SIZE)
            if not rows:
                break
            writer.writerows((r["id"], r["meter_id"], r["read_at"].isoformat(), r["kwh"], r["source"]) for r in rows)
            cursor = rows[-1]["id"]
        return await asyncio.to_thread(gzip.compress, buf.getvalue().encode("utf-8"), 6)

    async def write_local(self, name: str, data: bytes) -> str:
        path = os.path.join(settings.export_dir, name)
        with open(path, "wb") as fh:
            fh.write(data)
        return path

    async def write_local_async(self, name: str, data: bytes) -> str:
        path = Path(settings.export_dir) / name
        await asyncio.to_thread(path.write_bytes, data)
        return str(path)

    async def run_job(self, job_id: int, kind: str, params: dict) -> str:
        if kind == "consumption":
            start = dt.date.fromisoformat(params["start"])
            end = dt.date.fromisoformat(params["end"])
            data = await self.consumption_csv(start, end)
            name = f"consumption-{start:%Y%m%d}-{end:%Y%m%d}-{job_id}.csv.gz"
            await self.write_local(name, data)
        elif kind == "warehouse":
            data = await self.raw_dump(int(params.get("after_id", 0)))
            name = f"readings-{job_id}.csv.gz"
            await self.write_local_async(name, data)
        else:
            raise ValueError(f"unknown export kind {kind!r}")
        return await self._storage.upload(name, data, content_type="application/gzip")
