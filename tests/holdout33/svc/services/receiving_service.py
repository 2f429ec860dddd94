"""Inbound receiving against purchase orders and advance shipping notices."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache import BinOccupancyCache
from ..clients.reference import fetch_dimensions
from ..config import Settings
from ..db.models import Sku
from ..errors import ConflictError, NotFound
from ..repositories import receiving_repo, sku_repo, stock_repo
from ..schemas import AsnIn, ReceiptIn

log = logging.getLogger(__name__)

OVER_RECEIPT_TOLERANCE = 1.05


class ReceivingService:
    def __init__(self, redis: Redis, occupancy: BinOccupancyCache, settings: Settings) -> None:
        self._redis = redis
        self._occupancy = occupancy
        self._settings = settings

    async def receive_lines(
        self, session: AsyncSession, po_number: str, payload: ReceiptIn, receiver_id: str
    ) -> list[dict[str, Any]]:
        po = await receiving_repo.get_po_by_number(session, po_number)
        dock = await stock_repo.get_bin_by_code(session, po.warehouse_id, payload.dock_bin)
        results: list[dict[str, Any]] = []
        for line in payload.lines:
            sku = await sku_repo.get_by_code(session, line.sku_code)
            if sku is None:
                results.append({"sku": line.sku_code, "status": "unknown_sku"})
                continue
            po_line = await receiving_repo.get_po_line(session, po.id, sku.id)
            if po_line is None:
                results.append({"sku": line.sku_code, "status": "not_on_po"})
                continue
            if po_line.qty_received + line.qty > po_line.qty_expected * OVER_RECEIPT_TOLERANCE:
                raise ConflictError(
                    f"receipt would exceed PO {po_number} line for {line.sku_code}",
                    details={"expected": po_line.qty_expected, "received": po_line.qty_received, "qty": line.qty},
                )
            inserted = await receiving_repo.insert_receipt(
                session,
                po_line_id=po_line.id,
                qty=line.qty,
                bin_id=dock.id,
                receiver_id=receiver_id,
                idempotency_key=f"{payload.idempotency_key}:{line.sku_code}",
            )
            if inserted:
                po_line.qty_received += line.qty
                await stock_repo.add_units(session, dock.id, sku.id, po.warehouse_id, line.qty)
            results.append({"sku": line.sku_code, "status": "received" if inserted else "duplicate"})
        await session.commit()
        self._occupancy.forget(dock.id)
        return results

    async def import_asn(self, session: AsyncSession, asn: AsnIn) -> dict[str, Any]:
        """Apply a supplier's advance shipping notice to the expected quantities on its PO."""
        if await self._redis.sismember("wms:asn:applied", asn.asn_id):
            return {"asn_id": asn.asn_id, "status": "already_applied"}
        po = await receiving_repo.get_po_by_number(session, asn.po_number)
        skus = await sku_repo.get_many_by_codes(session, [line.sku_code for line in asn.lines])
        rows = [
            {"po_id": po.id, "sku_id": skus[line.sku_code].id, "qty_expected": line.qty}
            for line in asn.lines
            if line.sku_code in skus
        ]
        await receiving_repo.add_expected_qty(session, rows)
        await session.commit()
        await self._redis.sadd("wms:asn:applied", asn.asn_id)
        return {"asn_id": asn.asn_id, "status": "applied", "lines": len(rows)}

    async def suggest_putaway(self, session: AsyncSession, warehouse_id: int, preferred_bin: str, qty: int) -> dict[str, Any]:
        target = await stock_repo.get_bin_by_code(session, warehouse_id, preferred_bin)
        if await self._occupancy.occupancy(target.id) + qty > target.max_units:
            return {"bin": preferred_bin, "fits": False}
        return {"bin": preferred_bin, "fits": True}

    async def enrich_sku(self, session: AsyncSession, sku_code: str) -> Sku:
        sku = await sku_repo.get_by_code(session, sku_code)
        if sku is None:
            raise NotFound(f"sku {sku_code} not found")
        if sku.weight_g is None:
            dims = await asyncio.to_thread(fetch_dimensions, self._settings.catalog_api_url, sku_code)
            if dims:
                sku.weight_g = dims["weight_g"]
                await session.commit()
        return sku
