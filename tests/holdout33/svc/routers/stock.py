"""Stock levels, SKU lookup, bin moves and cycle counts."""
from __future__ import annotations

import csv
import io
from typing import Any

from fastapi import APIRouter, Depends, File, HTTPException, Query, UploadFile
from fastapi.responses import Response
from sqlalchemy import text

from ..db.engine import sync_engine
from ..deps import ContainerDep, SessionDep, UserDep, api_rate_limit
from ..errors import NotFound
from ..repositories import sku_repo, stock_repo
from ..schemas import CountResultIn, MoveIn

router = APIRouter(prefix="/stock", tags=["stock"], dependencies=[Depends(api_rate_limit)])
counts_router = APIRouter(prefix="/cycle-counts", tags=["cycle-counts"])

MAX_SHEET_BYTES = 5 * 1024 * 1024

EXPORT_SQL = text(
    """
    SELECT b.code AS bin, s.sku_code AS sku, sl.qty_on_hand, sl.qty_reserved
    FROM stock_levels sl
    JOIN bins b ON b.id = sl.bin_id
    JOIN skus s ON s.id = sl.sku_id
    WHERE sl.warehouse_id = :warehouse_id
    ORDER BY b.code
    """
)


def _sku_out(sku: Any) -> dict[str, Any]:
    return {"id": sku.id, "sku_code": sku.sku_code, "barcode": sku.barcode, "description": sku.description}


@router.get("/skus/search")
async def search_skus(
    session: SessionDep, q: str = Query(min_length=2, max_length=64), limit: int = Query(25, ge=1, le=100)
) -> list[dict[str, Any]]:
    return [_sku_out(s) for s in await sku_repo.search(session, q, limit)]


@router.get("/skus/lookup/{code}")
async def lookup_sku(code: str, session: SessionDep) -> dict[str, Any]:
    sku = await sku_repo.find_by_code_insensitive(session, code)
    if sku is None:
        raise NotFound(f"sku {code} not found")
    return _sku_out(sku)


@router.get("/skus/code/{sku_code}")
async def sku_by_code(sku_code: str, session: SessionDep, container: ContainerDep) -> dict[str, Any]:
    info = await container.sku_cache.get(session, sku_code)
    if info is None:
        raise NotFound(f"sku {sku_code} not found")
    return {"id": info.id, "sku_code": info.sku_code, "barcode": info.barcode, "weight_g": info.weight_g}


@router.get("/skus/{sku_id}/levels")
async def sku_levels(sku_id: int, warehouse_id: int, session: SessionDep, container: ContainerDep) -> list[dict[str, Any]]:
    return await container.stock.levels(session, sku_id, warehouse_id)


@router.get("/skus/{sku_id}/available")
async def sku_available(sku_id: int, warehouse_id: int, session: SessionDep, container: ContainerDep) -> dict[str, int]:
    return {"sku_id": sku_id, "available": await container.availability.available(session, sku_id, warehouse_id)}


@router.get("/skus/{sku_id}/pick-face")
async def sku_pick_face(sku_id: int, warehouse_id: int, session: SessionDep, container: ContainerDep) -> dict[str, Any]:
    face = await container.availability.pick_face(session, sku_id, warehouse_id)
    if face is None:
        raise NotFound(f"sku {sku_id} has no pick face in warehouse {warehouse_id}")
    return face


@router.post("/moves", status_code=204)
async def move_stock(body: MoveIn, principal: UserDep, session: SessionDep, container: ContainerDep) -> Response:
    await container.stock.move(session, body.sku_id, body.from_bin_id, body.to_bin_id, body.qty, principal.subject)
    return Response(status_code=204)


@router.get("/bins")
async def find_bins(
    warehouse_id: int, session: SessionDep, prefix: str = Query(min_length=1, max_length=32)
) -> list[dict[str, Any]]:
    bins = await stock_repo.bins_by_prefix(session, warehouse_id, prefix)
    return [{"id": b.id, "code": b.code, "zone": b.zone} for b in bins]


@router.get("/bins/{code}")
async def get_bin(code: str, warehouse_id: int, session: SessionDep) -> dict[str, Any]:
    found = await stock_repo.get_bin_by_code(session, warehouse_id, code)
    return {"id": found.id, "code": found.code, "zone": found.zone, "pick_face": found.is_pick_face}


@router.get("/export.csv")
def export_stock_csv(warehouse_id: int) -> Response:
    with sync_engine.connect() as conn:
        rows = conn.execute(EXPORT_SQL, {"warehouse_id": warehouse_id}).all()
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["bin", "sku", "on_hand", "reserved"])
    writer.writerows(rows)
    return Response(buf.getvalue(), media_type="text/csv")


@counts_router.post("/schedule", dependencies=[Depends(api_rate_limit)])
async def schedule_counts(
    warehouse_id: int, session: SessionDep, container: ContainerDep, limit: int | None = None
) -> dict[str, int]:
    return {"scheduled": await container.cycle_counts.schedule_counts(session, warehouse_id, limit)}


@counts_router.post("/{count_id}/result")
async def record_count(
    count_id: int, body: CountResultIn, principal: UserDep, session: SessionDep, container: ContainerDep
) -> dict[str, Any]:
    return await container.cycle_counts.record_result(session, count_id, body.sku_id, body.counted_qty, principal.subject)


@counts_router.post("/import")
async def import_count_sheet(
    warehouse_id: int, principal: UserDep, session: SessionDep, container: ContainerDep, file: UploadFile = File(...)
) -> dict[str, Any]:
    data = await file.read(MAX_SHEET_BYTES + 1)
    if len(data) > MAX_SHEET_BYTES:
        raise HTTPException(status_code=413, detail="count sheet too large")
    return await container.cycle_counts.import_sheet(session, warehouse_id, data, principal.subject)
