from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Response
from sqlalchemy.ext.asyncio import AsyncSession

from svc.auth import StaffClaims, require_manager, require_staff
from svc.container import assigner, floor_plan_service, waitlist_service
from svc.db.engine import get_session
from svc.schemas import SeatRequest
from svc.services.floor import FloorPlanService, set_override
from svc.services.table_assignment import TableAssigner
from svc.services.waitlist_service import WaitlistService

router = APIRouter(prefix="/floor", tags=["floor"])


def _check(claims: StaffClaims, restaurant_id: int) -> None:
    if restaurant_id not in claims.restaurant_ids:
        raise HTTPException(403, "not your restaurant")


@router.get("/{restaurant_id}/layout")
async def layout(
    restaurant_id: int,
    claims: StaffClaims = Depends(require_staff),
    plans: FloorPlanService = Depends(floor_plan_service),
) -> dict:
    _check(claims, restaurant_id)
    return await plans.live_overlay(restaurant_id)


@router.get("/{restaurant_id}/artwork.svg")
async def artwork(restaurant_id: int, plans: FloorPlanService = Depends(floor_plan_service)) -> Response:
    return Response(await plans.artwork_svg(restaurant_id), media_type="image/svg+xml")


@router.get("/{restaurant_id}/artwork.png")
async def artwork_png(restaurant_id: int, plans: FloorPlanService = Depends(floor_plan_service)) -> Response:
    return Response(await plans.artwork_png(restaurant_id), media_type="image/png")


@router.patch("/{restaurant_id}/tables/{label}")
async def override_table(
    restaurant_id: int,
    label: str,
    patch: dict,
    claims: StaffClaims = Depends(require_manager),
    plans: FloorPlanService = Depends(floor_plan_service),
) -> dict:
    _check(claims, restaurant_id)
    set_override(restaurant_id, label, {k: v for k, v in patch.items() if k in ("x", "y", "section")})
    return await plans.reload(restaurant_id)


@router.post("/{restaurant_id}/walk-in", status_code=204)
async def seat_walk_in(
    restaurant_id: int,
    body: SeatRequest,
    claims: StaffClaims = Depends(require_staff),
    tables: TableAssigner = Depends(assigner),
) -> None:
    _check(claims, restaurant_id)
    await tables.seat_walk_in(restaurant_id, body.table_id, booking_id=None)


@router.post("/{restaurant_id}/tables/{table_id}/clear", status_code=204)
async def clear_table(
    restaurant_id: int,
    table_id: int,
    claims: StaffClaims = Depends(require_staff),
    tables: TableAssigner = Depends(assigner),
    waitlist: WaitlistService = Depends(waitlist_service),
    session: AsyncSession = Depends(get_session),
) -> None:
    _check(claims, restaurant_id)

    async def offer_to_waitlist(rid: int, tid: int) -> None:
        layout_tables = await tables.tables.list_tables(rid)
        capacity = next((t.capacity for t in layout_tables if t.id == tid), 0)
        if capacity:
            await waitlist.call_next(rid, capacity, restaurant_name="")

    await tables.release_table(restaurant_id, table_id, offer_to_waitlist)
    await session.commit()
