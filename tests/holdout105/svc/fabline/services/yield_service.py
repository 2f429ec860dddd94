"""Yield and metrology: ingest CSV uploads, per-wafer and per-lot reports."""
from __future__ import annotations

import asyncio
import logging
import statistics
import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from fabline.clients.metrology_client import MetrologyClient
from fabline.models.lot import Lot, Wafer
from fabline.repositories.wafer_repo import WaferRepository
from fabline.repositories.yield_repo import YieldRepository
from fabline.services.metrology_parser import MeasurementRow, load_rows, parse_text

logger = logging.getLogger(__name__)


class YieldService:
    def __init__(
        self,
        repo: YieldRepository,
        sessions: async_sessionmaker[AsyncSession],
        metrology: MetrologyClient,
        fetch_concurrency: int = 4,
    ) -> None:
        self.repo = repo
        self.sessions = sessions
        self.metrology = metrology
        self._fetch_sem = asyncio.Semaphore(fetch_concurrency)

    async def _resolve(self, rows: list[MeasurementRow]) -> list[tuple]:
        scribes = {r.wafer_scribe for r in rows}
        async with self.sessions() as session:
            result = await session.execute(
                select(Wafer.scribe, Wafer.id, Wafer.lot_id).where(Wafer.scribe.in_(scribes))
            )
            by_scribe = {scribe: (wid, lid) for scribe, wid, lid in result.all()}
        resolved = []
        for r in rows:
            ids = by_scribe.get(r.wafer_scribe)
            if ids is None:
                logger.warning("unknown wafer scribe %s in upload", r.wafer_scribe)
                continue
            wafer_id, lot_id = ids
            resolved.append((lot_id, wafer_id, r.parameter, r.site, r.value))
        return resolved

    async def ingest_file(self, path: Path) -> dict:
        upload_id = uuid.uuid4()
        rows = load_rows(path)
        resolved = await self._resolve(rows)
        inserted = await self.repo.insert_measurements(upload_id, resolved)
        return {"upload_id": str(upload_id), "rows": inserted, "skipped": len(rows) - inserted}

    async def ingest_text(self, text: str) -> dict:
        upload_id = uuid.uuid4()
        rows = await asyncio.to_thread(parse_text, text)
        resolved = await self._resolve(rows)
        inserted = await self.repo.insert_measurements(upload_id, resolved)
        return {"upload_id": str(upload_id), "rows": inserted, "skipped": len(rows) - inserted}

    async def _fetch_one(self, export_id: str) -> dict:
        async with self._fetch_sem:
            text = await self.metrology.fetch_export(export_id)
        return await self.ingest_text(text)

    async def ingest_remote(self, export_ids: list[str]) -> list[dict]:
        return await asyncio.gather(*(self._fetch_one(e) for e in export_ids))

    async def wafer_report(self, lot_id: int) -> list[dict]:
        async with self.sessions() as session:
            wafers = await WaferRepository(session).list_for_lot(lot_id)
        report = []
        for wafer in wafers:
            measurements = await self.repo.wafer_measurements(wafer.id)
            values = [m["value"] for m in measurements]
            report.append(
                {
                    "wafer": wafer.scribe,
                    "slot": wafer.slot,
                    "n": len(values),
                    "mean": statistics.fmean(values) if values else None,
                }
            )
        return report

    async def lot_summary(self, lot_id: int) -> dict:
        async with self.sessions() as session:
            lot = await session.get(Lot, lot_id)
        rows = await self.repo.lot_summary(lot_id)
        return {
            "lot": lot.lot_number if lot else None,
            "parameters": {r["parameter"]: {"n": r["n"], "mean": r["mean"], "sd": r["sd"]} for r in rows},
        }
