from __future__ import annotations

import logging

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Request

from svc.deps import order_service, require
from svc.schemas import OrderOut, PlaceOrder
from svc.services.auth import Principal
from svc.services.order_service import OrderRejected, OrderService, ServiceBusy
from svc.services.tracking_service import TrackingService

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/orders", tags=["orders"])


async def _enqueue_dispatch(request: Request, order_id: int) -> None:
    await request.app.state.redis.rpush("dispatch:pending", f'{{"order_id": {order_id}}}')


@router.post("", response_model=OrderOut, status_code=201)
async def place_order(
    body: PlaceOrder,
    request: Request,
    background: BackgroundTasks,
    who: Principal = Depends(require("customer")),
    service: OrderService = Depends(order_service),
) -> OrderOut:
    try:
        order = await service.place_order(who.id, body.address, body.payment_token, body.promo_code)
    except OrderRejected as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    except ServiceBusy as exc:
        raise HTTPException(status_code=503, detail=str(exc), headers={"Retry-After": "10"}) from exc
    except Exception:
        raise HTTPException(status_code=402, detail="payment failed")
    background.add_task(_enqueue_dispatch, request, order.id)
    return OrderOut(id=order.id, status=order.status.value, total=order.total)


@router.get("/history")
async def history(
    who: Principal = Depends(require("customer")), service: OrderService = Depends(order_service)
) -> list[dict]:
    return await service.history(who.id)


@router.get("/suggestions")
async def suggestions(
    who: Principal = Depends(require("customer")), service: OrderService = Depends(order_service)
) -> list[int]:
    return await service.reorder_suggestions(who.id)


@router.post("/{order_id}/cancel")
async def cancel(
    order_id: int,
    reason: str = "customer request",
    who: Principal = Depends(require("customer")),
    service: OrderService = Depends(order_service),
) -> dict:
    try:
        order = await service.cancel(order_id, reason)
    except LookupError:
        raise HTTPException(status_code=404, detail="order not found") from None
    except OrderRejected as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    return {"id": order.id, "status": order.status.value}


@router.get("/{order_id}/eta")
async def eta(
    order_id: int,
    request: Request,
    who: Principal = Depends(require("customer")),
    service: OrderService = Depends(order_service),
) -> dict:
    state = request.app.state
    tracking = TrackingService(service.session, state.redis, state.hub, state.routing)
    try:
        minutes = await tracking.eta_minutes(order_id)
    except LookupError:
        raise HTTPException(status_code=404, detail="order has no courier yet") from None
    return {"order_id": order_id, "eta_minutes": minutes}


@router.get("/{order_id}/trail")
async def trail(
    order_id: int,
    request: Request,
    who: Principal = Depends(require("customer")),
    service: OrderService = Depends(order_service),
) -> list[dict]:
    state = request.app.state
    return await TrackingService(service.session, state.redis, state.hub, state.routing).trail(order_id)


@router.get("/{order_id}/tracking")
async def tracking_snapshot(
    order_id: int,
    request: Request,
    who: Principal = Depends(require("customer")),
    service: OrderService = Depends(order_service),
) -> dict:
    state = request.app.state
    try:
        return await TrackingService(service.session, state.redis, state.hub, state.routing).snapshot(order_id)
    except LookupError:
        raise HTTPException(status_code=404, detail="order not found") from None
