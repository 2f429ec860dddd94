from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import get_session
from svc.deps import order_service, require
from svc.schemas import PriceUpdate
from svc.services.menu_service import MenuService, last_synced
from svc.services.order_service import OrderRejected, OrderService
from svc.services.restaurant_service import LogoRejected, RestaurantService


router = APIRouter(prefix="/restaurants", tags=["restaurants"])


@router.get("")
async def list_restaurants(
    city: str, after_id: int = 0, session: AsyncSession = Depends(get_session)
) -> list[dict]:
    summaries = await RestaurantService(session).list_for_city(city, after_id)
    return [s.__dict__ for s in summaries]


@router.get("/featured")
async def featured(city: str, session: AsyncSession = Depends(get_session)) -> list[dict]:
    return [s.__dict__ for s in await RestaurantService(session).featured(city)]


@router.get("/search")
async def search(
    q: str = Query(min_length=1, max_length=60), city: str = "london", session: AsyncSession = Depends(get_session)
) -> list[dict]:
    return [s.__dict__ for s in await RestaurantService(session).search(q, city)]


@router.get("/{restaurant_id}/menu")
async def menu(restaurant_id: int, request: Request, session: AsyncSession = Depends(get_session)) -> list[dict]:
    state = request.app.state
    items = await MenuService(session, state.menu_cache, state.pos).menu(restaurant_id)
    if not items:
        raise HTTPException(status_code=404, detail="restaurant not found")
    return items


@router.put("/{restaurant_id}/logo", dependencies=[Depends(require("staff"))])
async def set_logo(restaurant_id: int, url: str, session: AsyncSession = Depends(get_session)) -> dict:
    try:
        await RestaurantService(session).update_logo(restaurant_id, url)
    except LogoRejected as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    return {"ok": True}


partner_router = APIRouter(prefix="/partner/restaurants/{restaurant_id}/menu", tags=["partner"])


@partner_router.get("", dependencies=[Depends(require("staff"))])
async def full_menu(restaurant_id: int, request: Request, session: AsyncSession = Depends(get_session)) -> dict:
    state = request.app.state
    items = await MenuService(session, state.menu_cache, state.pos).menu(restaurant_id, include_unavailable=True)
    synced = last_synced(restaurant_id)
    return {"items": items, "last_synced": synced.isoformat() if synced else None}


@partner_router.patch("/items/{item_id}", dependencies=[Depends(require("staff"))])
async def update_price(
    restaurant_id: int, item_id: int, body: PriceUpdate, request: Request, session: AsyncSession = Depends(get_session)
) -> dict:
    state = request.app.state
    try:
        await MenuService(session, state.menu_cache, state.pos).set_price(restaurant_id, item_id, body.price)
    except LookupError:
        raise HTTPException(status_code=404, detail="menu item not found") from None
    return {"ok": True}


@partner_router.get("/orders", dependencies=[Depends(require("staff"))])
async def restaurant_orders(restaurant_id: int, service: OrderService = Depends(order_service)) -> list[dict]:
    return await service.restaurant_queue(restaurant_id)


@partner_router.post("/orders/{order_id}/accept", dependencies=[Depends(require("staff"))])
async def accept_order(
    restaurant_id: int, order_id: int, prep_minutes: int = 15, service: OrderService = Depends(order_service)
) -> dict:
    try:
        order = await service.accept(order_id, restaurant_id, prep_minutes)
    except LookupError:
        raise HTTPException(status_code=404, detail="order not found") from None
    except OrderRejected as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    return {"id": order.id, "status": order.status.value}


@partner_router.post("/orders/{order_id}/ready", dependencies=[Depends(require("staff"))])
async def order_ready(restaurant_id: int, order_id: int, service: OrderService = Depends(order_service)) -> dict:
    try:
        await service.mark_ready(order_id, restaurant_id)
    except LookupError:
        raise HTTPException(status_code=404, detail="order not found") from None
    return {"ok": True}
