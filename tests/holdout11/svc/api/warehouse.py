"""Inventory, waves, pick lists, cycle counts and warehouse reports."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import db_session, inventory_repo, inventory_service, operator_id, picking_service, reporting_session
from svc.db.inventory_repo import InventoryRepository
from svc.db.models import Shipment, Wave
from svc.services.inventory import InventoryService
from svc.services.picking import WAVE_DEFAULTS, PickingService

router = APIRouter(tags=["warehouse"])

MAX_SKUS_PER_QUERY = 200


class TransferIn(BaseModel):
    src_bin: int
    dst_bin: int
    sku: str
    qty: int = Field(gt=0)


class PickConfirmIn(BaseModel):
    bin_id: int
    sku: str
    qty: int = Field(gt=0)


class WaveIn(BaseModel):
    max_orders: int | None = Field(default=None, gt=0, le=1000)
    priority: str = "standard"


class WaveDefaultsIn(BaseModel):
    max_orders: int | None = Field(default=None, gt=0)
    lines_per_list: int | None = Field(default=None, gt=0)


class CountIn(BaseModel):
    bin_id: int
    sku: str
    expected: int = Field(ge=0)
    counted: int = Field(ge=0)


@router.get("/inventory/availability")
async def availability(
    skus: list[str] = Query(...), service: InventoryService = Depends(inventory_service)
) -> dict[str, int]:
    if len(skus) > MAX_SKUS_PER_QUERY:
        raise HTTPException(status_code=422, detail=f"at most {MAX_SKUS_PER_QUERY} SKUs per request")
    return await service.availability(skus)


@router.post("/inventory/transfers", status_code=204)
async def transfer(body: TransferIn, service: InventoryService = Depends(inventory_service)) -> None:
    await service.transfer(body.src_bin, body.dst_bin, body.sku, body.qty)


@router.post("/inventory/pick-confirmations")
async def pick_confirm(body: PickConfirmIn, service: InventoryService = Depends(inventory_service)) -> dict[str, int]:
    return {"remaining": await service.pick_confirm(body.bin_id, body.sku, body.qty)}


@router.get("/products/search")
async def search_products(
    q: str = Query(min_length=3), repo: InventoryRepository = Depends(inventory_repo)
) -> list[dict[str, Any]]:
    return [dict(row) for row in await repo.search_products(q)]


@router.get("/inventory/{sku}/movements")
async def movements(
    sku: str, page: int = Query(0, ge=0), before: int | None = None, repo: InventoryRepository = Depends(inventory_repo)
) -> list[dict[str, Any]]:
    rows = await repo.movements_before(sku, before) if before is not None else await repo.movements_page(sku, page)
    return [dict(row) for row in rows]


@router.post("/cycle-counts", status_code=204)
async def record_count(
    body: CountIn, operator: str = Depends(operator_id), repo: InventoryRepository = Depends(inventory_repo)
) -> None:
    await repo.record_count(body.bin_id, body.sku, body.expected, body.counted, operator)


@router.post("/waves", status_code=201)
async def create_wave(body: WaveIn, service: PickingService = Depends(picking_service)) -> dict[str, int]:
    wave_id = await service.create_wave(max_orders=body.max_orders, priority=body.priority)
    return {"wave_id": wave_id}


@router.get("/waves")
async def list_waves(status: str = "released", session: AsyncSession = Depends(db_session)) -> list[dict[str, Any]]:
    waves = await session.scalars(select(Wave).where(Wave.status == status).order_by(Wave.id.desc()).limit(100))
    return [{"id": wave.id, "status": wave.status, "created_at": wave.created_at.isoformat()} for wave in waves]


@router.get("/waves/{wave_id}")
async def wave_summary(wave_id: int, service: PickingService = Depends(picking_service)) -> dict[str, Any]:
    return await service.wave_summary(wave_id)


@router.get("/waves/{wave_id}/sku-totals")
async def wave_sku_totals(wave_id: int, service: PickingService = Depends(picking_service)) -> dict[str, int]:
    return await service.wave_sku_totals(wave_id)


@router.post("/pick-lists/{pick_list_id}/claim")
async def claim_pick_list(
    pick_list_id: int, picker: str = Depends(operator_id), service: PickingService = Depends(picking_service)
) -> dict[str, Any]:
    if not await service.claim(pick_list_id, picker):
        raise HTTPException(status_code=409, detail="pick list already claimed")
    return {"pick_list_id": pick_list_id, "picker": picker}


@router.get("/pick-lists/{pick_list_id}/totes")
async def tote_plan(pick_list_id: int, service: PickingService = Depends(picking_service)) -> list[list[Any]]:
    return await service.tote_plan(pick_list_id)


@router.delete("/pick-lists/{pick_list_id}", status_code=204)
async def cancel_pick_list(pick_list_id: int, service: PickingService = Depends(picking_service)) -> None:
    await service.cancel_pick_list(pick_list_id)


@router.put("/admin/wave-defaults")
async def update_wave_defaults(body: WaveDefaultsIn) -> dict[str, int]:
    WAVE_DEFAULTS.update(body.model_dump(exclude_none=True))
    return dict(WAVE_DEFAULTS)


@router.get("/reports/cycle-count-variance")
async def variance_report(
    days: int = Query(30, ge=1, le=365), service: InventoryService = Depends(inventory_service)
) -> dict[str, Any]:
    return await service.variance_report(datetime.now(UTC) - timedelta(days=days))


@router.get("/reports/cycle-count-variance.csv", response_class=PlainTextResponse)
async def variance_csv(
    days: int = Query(30, ge=1, le=365), service: InventoryService = Depends(inventory_service)
) -> str:
    return await service.variance_csv(datetime.now(UTC) - timedelta(days=days))


@router.get("/reports/shipments-by-carrier")
async def shipments_by_carrier(session: AsyncSession = Depends(reporting_session)) -> dict[str, int]:
    since = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    result = await session.execute(
        select(Shipment.carrier, func.count()).where(Shipment.created_at >= since).group_by(Shipment.carrier)
    )
    return {carrier: count for carrier, count in result.all()}
