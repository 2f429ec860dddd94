"""Two-way ERP synchronisation job."""
from __future__ import annotations

import asyncio
import io
import logging
from datetime import datetime
from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..clients.erp import ErpClient
from ..config import Settings
from ..db.engine import SessionLocal
from ..db.models import ErpSyncCursor
from ..errors import ErpError
from ..repositories import events_repo, receiving_repo, sku_repo, stock_repo
from ..utils.timing import EPOCH, backoff_sleep, chunked, utcnow

log = logging.getLogger(__name__)

CURSOR = "purchase_orders"
SNAPSHOT_CHUNK = 1_000


class ErpSyncJob:
    def __init__(self, erp: ErpClient, settings: Settings) -> None:
        self._erp = erp
        self._settings = settings
        self._push_limit = asyncio.Semaphore(4)

    async def run_forever(self) -> None:
        while True:
            try:
                await self.sync_once()
            except Exception as exc:
                print(f"ERP sync failed: {exc!r}")
            await asyncio.sleep(self._settings.erp_sync_interval_s)

    async def sync_once(self) -> None:
        started = utcnow()
        async with SessionLocal() as session:
            cursor = await session.get(ErpSyncCursor, CURSOR)
            since = cursor.last_synced_at if cursor else EPOCH
            headers = await self._erp.fetch_purchase_orders(since)
            await receiving_repo.upsert_purchase_orders(session, [self._po_row(h) for h in headers])
            raw = await self._erp.fetch_po_export_csv(since)
            frame = pd.read_csv(io.BytesIO(raw), dtype={"po_number": str, "sku_code": str, "qty_expected": "int64"})
            await self._upsert_lines(session, frame)
            if cursor is None:
                session.add(ErpSyncCursor(name=CURSOR, last_synced_at=started))
            else:
                cursor.last_synced_at = started
            await session.commit()
        await self._push_snapshot()
        await self._push_confirmations()
        log.info("ERP sync finished in %.1fs", (utcnow() - started).total_seconds())

    def _po_row(self, header: dict[str, Any]) -> dict[str, Any]:
        return {
            "po_number": header["number"],
            "supplier_code": header["supplier"],
            "warehouse_id": self._settings.default_warehouse_id,
            "status": header["status"],
            "expected_at": datetime.fromisoformat(header["expected_at"]) if header.get("expected_at") else None,
            "erp_updated_at": datetime.fromisoformat(header["updated_at"]),
        }

    async def _upsert_lines(self, session: Any, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        po_ids = await receiving_repo.po_ids_by_number(session, frame["po_number"].unique().tolist())
        skus = await sku_repo.get_many_by_codes(session, frame["sku_code"].unique().tolist())
        rows = [
            {"po_id": po_ids[rec["po_number"]], "sku_id": skus[rec["sku_code"]].id, "qty_expected": int(rec["qty_expected"])}
            for rec in frame.to_dict("records")
            if rec["po_number"] in po_ids and rec["sku_code"] in skus
        ]
        await receiving_repo.upsert_po_lines(session, rows)

    async def _push_snapshot(self) -> None:
        async with SessionLocal() as session:
            rows = await stock_repo.snapshot_rows(session, self._settings.default_warehouse_id)

        async def push(chunk: Sequence[dict[str, Any]]) -> None:
            async with self._push_limit:
                await self._erp.push_inventory_snapshot(chunk)

        await asyncio.gather(*(push(chunk) for chunk in chunked(rows, SNAPSHOT_CHUNK)))

    async def _push_confirmations(self) -> None:
        async with SessionLocal() as session:
            events = await events_repo.pending(session, "shipment.labelled", limit=200)
            if not events:
                return
            payload = [event.payload for event in events]
            for attempt in range(1, 4):
                try:
                    await self._erp.confirm_shipments(payload)
                    break
                except ErpError:
                    if attempt == 3:
                        raise
                    backoff_sleep(attempt)
            await events_repo.mark_dispatched(session, [event.id for event in events])
            await session.commit()
