from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import get_session
from svc.db.models import Promo
from svc.deps import require
from svc.repos.order_repo import OrderRepository
from svc.repos.restaurant_repo import RestaurantRepository
from svc.schemas import PromoCreate, SurgeUpdate
from svc.services import pricing
from svc.services.courier_assignment import AssignmentFailed, CourierAssigner
from svc.services.notification_service import Notifier
from svc.services.settlement_service import SettlementService
from svc.services.tracking_service import TrackingService

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require("staff"))])


@router.put("/surge")
async def set_surge(body: SurgeUpdate) -> dict:
    try:
        pricing.set_surge(body.zone, body.multiplier)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return {"zone": body.zone, "multiplier": pricing.surge_for(body.zone)}


@router.post("/orders/{order_id}/assign/{courier_id}")
async def assign(order_id: int, courier_id: int, request: Request, session: AsyncSession = Depends(get_session)) -> dict:
    state = request.app.state
    assigner = CourierAssigner(OrderRepository(session), RestaurantRepository(session), Notifier(state.sms, state.redis))
    try:
        await assigner.assign_manually(order_id, courier_id)
    except AssignmentFailed as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    return {"ok": True}


@router.get("/settlements/{month}.csv.gz")
async def export_settlements(month: date, request: Request) -> Response:
    data = await SettlementService(request.app.state.payments).export_month(month.replace(day=1))
    return Response(content=data, media_type="application/gzip")


@router.get("/restaurants/{restaurant_id}/delivered")
async def delivered_on(restaurant_id: int, day: date, session: AsyncSession = Depends(get_session)) -> dict:
    orders = await OrderRepository(session).delivered_on(restaurant_id, day)
    return {"count": len(orders), "gross": str(sum(o.total for o in orders))}


@router.get("/cache")
async def cache_stats(request: Request) -> dict:
    return request.app.state.menu_cache.stats()


@router.post("/promos", status_code=201)
async def create_promo(body: PromoCreate, session: AsyncSession = Depends(get_session)) -> dict:
    promo = Promo(code=body.code.upper(), percent_off=body.percent_off, max_redemptions=body.max_redemptions)
    session.add(promo)
    try:
        await session.commit()
    except IntegrityError as exc:
        raise HTTPException(status_code=409, detail="promo code exists") from exc
    return {"code": promo.code}


@router.get("/couriers/{courier_id}/earnings")
async def courier_earnings(courier_id: int, week_start: date, request: Request) -> dict:
    return await SettlementService(request.app.state.payments).courier_earnings(courier_id, week_start)


@router.get("/couriers/{courier_id}/recent")
async def courier_recent(courier_id: int, request: Request, session: AsyncSession = Depends(get_session)) -> list[dict]:
    state = request.app.state
    return await TrackingService(session, state.redis, state.hub, state.routing).courier_recent(courier_id)


@router.post("/restaurants/{restaurant_id}/deactivate")
async def deactivate_restaurant(restaurant_id: int, request: Request, session: AsyncSession = Depends(get_session)) -> dict:
    if not await RestaurantRepository(session).deactivate(restaurant_id):
        raise HTTPException(status_code=404, detail="restaurant not found")
    await request.app.state.menu_cache.invalidate(restaurant_id)
    return {"ok": True}
