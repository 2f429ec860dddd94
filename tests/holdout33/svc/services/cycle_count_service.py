"""Cycle counting: nightly scheduling, count sheets and variance posting."""
from __future__ import annotations

import asyncio
import csv
import io
import logging
import os
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from uuid import uuid4

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from .. import errors
from ..config import Settings
from ..db.engine import SessionLocal
from ..repositories import cycle_count_repo, sku_repo, stock_repo
from ..utils.timing import utcnow
from .inventory import apply_adjustment

log = logging.getLogger(__name__)

ZONE_PRIORITY = {"A": 0, "B": 1, "COLD": 2, "C": 3, "BULK": 4}


@dataclass(frozen=True, slots=True)
class CountRow:
    bin_code: str
    sku_code: str
    qty: int


def parse_count_sheet(data: bytes) -> list[CountRow]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    rows: list[CountRow] = []
    seen: set[tuple[str, str]] = set()
    for record in reader:
        key = (record["bin"].strip().upper(), record["sku"].strip())
        if key in seen:
            continue
        seen.add(key)
        rows.append(CountRow(bin_code=key[0], sku_code=key[1], qty=int(record["qty"])))
    return rows


def archive_sheet(directory: str, data: bytes) -> str:
    path = os.path.join(directory, f"count-{utcnow():%Y%m%dT%H%M%S}-{uuid4().hex[:8]}.csv")
    with open(path, "wb") as fh:
        fh.write(data)
    return path


class CycleCountService:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    async def generate_nightly(self) -> None:
        async with SessionLocal() as session:
            created = await self.schedule_counts(session, self._settings.default_warehouse_id)
        log.info("nightly cycle-count generation scheduled %d bins", created)

    async def schedule_counts(self, session: AsyncSession, warehouse_id: int, limit: int | None = None) -> int:
        bins = await stock_repo.countable_bins(session, warehouse_id)
        recent = await cycle_count_repo.recent_counts(session, warehouse_id, days=90)
        counted_bins = [c.bin_id for c in recent]
        due = [b for b in bins if b[0] not in counted_bins]
        due.sort(key=lambda b: (ZONE_PRIORITY.get(b[2], 9), b[1]))
        when = (utcnow() + timedelta(days=1)).replace(hour=6, minute=0, second=0, microsecond=0)
        rows = [
            {"bin_id": bin_id, "status": "scheduled", "scheduled_for": when}
            for bin_id, _code, _zone in due[: limit or self._settings.cycle_count_batch]
        ]
        await cycle_count_repo.insert_counts(session, rows)
        await session.commit()
        return len(rows)

    async def record_result(
        self, session: AsyncSession, count_id: int, sku_id: int, counted_qty: int, counter_id: str
    ) -> dict[str, Any]:
        count = await cycle_count_repo.get_for_update(session, count_id)
        if count is None or count.status not in ("scheduled", "assigned"):
            raise errors.NotFound(f"open cycle count {count_id} not found")
        level = await stock_repo.get_level(session, count.bin_id, sku_id)
        if level is None:
            raise errors.BinNotFound(f"bin {count.bin_id} holds no stock record for sku {sku_id}")
        variance = counted_qty - level.qty_on_hand
        count.sku_id = sku_id
        count.expected_qty = level.qty_on_hand
        count.counted_qty = counted_qty
        count.counter_id = counter_id
        count.counted_at = utcnow()
        count.status = "counted"
        if variance:
            await apply_adjustment(session, count.bin_id, sku_id, variance, reason="cycle_count", actor=counter_id)
        await session.commit()
        return {"count_id": count_id, "variance": variance}

    async def import_sheet(self, session: AsyncSession, warehouse_id: int, data: bytes, counter_id: str) -> dict[str, Any]:
        rows = await asyncio.to_thread(parse_count_sheet, data)
        await run_in_threadpool(archive_sheet, self._settings.cycle_count_archive_dir, data)
        bins = await stock_repo.bins_by_codes(session, warehouse_id, [r.bin_code for r in rows])
        skus = await sku_repo.get_many_by_codes(session, [r.sku_code for r in rows])
        when = utcnow()
        inserts = [
            {
                "bin_id": bins[r.bin_code].id,
                "sku_id": skus[r.sku_code].id,
                "status": "submitted",
                "scheduled_for": when,
                "counter_id": counter_id,
                "counted_qty": r.qty,
            }
            for r in rows
            if r.bin_code in bins and r.sku_code in skus
        ]
        await cycle_count_repo.insert_counts(session, inserts)
        await session.commit()
        return {"rows": len(rows), "accepted": len(inserts)}
