from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.engine import get_session
from ..schemas import CountIn, LotIn
from ..security.auth import current_staff
from ..security.auth import current_actor, set_actor
from ..services import audit
from ..services.inventory import DuplicateLot, InventoryService
from ..utils.ndc import to_ndc11

router = APIRouter(prefix="/inventory", tags=["inventory"])


@router.post("/lots", status_code=201)
async def receive_lot(
    body: LotIn,
    staff: dict[str, Any] = Depends(current_staff),
    session: AsyncSession = Depends(get_session),
) -> dict[str, int]:
    set_actor(f"user:{staff['sub']}")
    try:
        ndc = to_ndc11(body.ndc)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    try:
        lot = await InventoryService(session).receive(int(staff["pharmacy_id"]), ndc, body.lot_number, body.expires_on, body.quantity, body.unit_cost)
    except DuplicateLot as exc:
        raise HTTPException(409, str(exc)) from exc
    await audit.record(current_actor(), "inventory.received", "lot", lot.id, qty=body.quantity)
    return {"lot_id": lot.id}


@router.post("/lots/{lot_id}/count")
async def count_lot(
    lot_id: int,
    body: CountIn,
    staff: dict[str, Any] = Depends(current_staff),
    session: AsyncSession = Depends(get_session),
) -> dict[str, int]:
    try:
        lot = await InventoryService(session).adjust_count(lot_id, body.counted, int(staff["sub"]))
    except LookupError as exc:
        raise HTTPException(404, "lot not found") from exc
    return {"lot_id": lot.id, "on_hand": lot.quantity_on_hand}


@router.post("/recall/{lot_number}")
async def recall(
    lot_number: str,
    staff: dict[str, Any] = Depends(current_staff),
    session: AsyncSession = Depends(get_session),
) -> dict[str, int]:
    if staff.get("role") != "pharmacist":
        raise HTTPException(403, "pharmacist role required")
    count = await InventoryService(session).recall(lot_number, int(staff["sub"]))
    return {"quarantined": count}


@router.get("/valuation")
async def valuation(
    staff: dict[str, Any] = Depends(current_staff),
    session: AsyncSession = Depends(get_session),
) -> dict[str, str]:
    totals = await InventoryService(session).valuation(int(staff["pharmacy_id"]))
    return {ndc: str(v) for ndc, v in totals.items()}


@router.get("/short-dated")
async def short_dated(
    staff: dict[str, Any] = Depends(current_staff),
    session: AsyncSession = Depends(get_session),
) -> list[dict[str, Any]]:
    lots = await InventoryService(session).short_dated(int(staff["pharmacy_id"]))
    return [{"lot_id": l.id, "ndc": l.ndc, "expires_on": l.expires_on.isoformat(), "qty": l.quantity_on_hand} for l in lots]
