"""Lot endpoints."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel

from fabline.core.deps import get_db, get_lot_service, get_route_service
from fabline.core.security import require_operator
from fabline.repositories.lot_repo import LotRepository
from fabline.services.lot_service import LotService, lot_card
from fabline.services.route_service import RouteService

router = APIRouter(prefix="/lots", tags=["lots"])


class TrackOut(BaseModel):
    expected_step: int


@router.get("")
async def list_lots(
    limit: int = Query(200, le=1000), svc: LotService = Depends(get_lot_service)
) -> list[dict]:
    return await svc.list_with_route(limit)


@router.get("/{lot_id}")
async def get_lot(lot_id: int, svc: LotService = Depends(get_lot_service)) -> dict:
    return await svc.get_card(lot_id)


@router.get("/by-number/{lot_number}")
async def get_lot_by_number(lot_number: str, session=Depends(get_db)) -> dict:
    lot = await LotRepository(session).find_by_number(lot_number)
    if lot is None:
        return {"error": "lot not found"}
    return lot_card(lot)


@router.get("/by-carrier/{carrier_id}")
async def lots_in_carrier(carrier_id: str, session=Depends(get_db)) -> list[dict]:
    lots = await LotRepository(session).find_by_carrier(carrier_id)
    if not lots:
        raise HTTPException(404, f"no lots in carrier {carrier_id}")
    return [lot_card(lot) for lot in lots]


@router.get("/search/product")
async def search_by_product(product: str, session=Depends(get_db)) -> list[dict]:
    return [lot_card(lot) for lot in await LotRepository(session).search_by_product(product)]


@router.get("/{lot_id}/next-operation")
async def next_operation(
    lot_id: int,
    lots: LotService = Depends(get_lot_service),
    routes: RouteService = Depends(get_route_service),
) -> dict:
    lot = await lots.lots.get(lot_id)
    if lot is None:
        raise HTTPException(404, "lot not found")
    op = await routes.next_operation(lot.route_id, lot.step_index)
    return {"lot_id": lot_id, "next": op}


@router.post("/{lot_id}/move")
async def move_lot(
    lot_id: int, user: str = Depends(require_operator), svc: LotService = Depends(get_lot_service)
) -> dict:
    return await svc.move_to_next_step(lot_id, user)


@router.post("/{lot_id}/track-out")
async def track_out(
    lot_id: int,
    body: TrackOut,
    user: str = Depends(require_operator),
    svc: LotService = Depends(get_lot_service),
) -> dict:
    await svc.track_out(lot_id, body.expected_step, user)
    return {"ok": True}
