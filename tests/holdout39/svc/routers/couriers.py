from __future__ import annotations

import asyncio
import hmac

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import get_session
from svc.deps import order_service, require
from svc.repos.courier_repo import CourierRepository
from svc.repos.order_repo import OrderRepository
from svc.schemas import CourierLogin, CourierRegister
from svc.services.auth import Principal, issue_token
from svc.services.order_service import OrderRejected, OrderService
from svc.utils.phone import normalize_phone
from svc.utils.security import hash_password

router = APIRouter(prefix="/couriers", tags=["couriers"])


@router.post("/register", status_code=201)
async def register(body: CourierRegister) -> dict:
    digest, salt = await asyncio.to_thread(hash_password, body.password)
    courier_id = await CourierRepository().create(body.name, normalize_phone(body.phone), digest, salt, body.zone)
    return {"id": courier_id}


@router.post("/login")
async def login(body: CourierLogin, request: Request) -> dict:
    row = await CourierRepository().by_phone(normalize_phone(body.phone))
    if row is None:
        raise HTTPException(status_code=401, detail="invalid credentials")
    digest, _ = hash_password(body.password, row["salt"])
    if not hmac.compare_digest(digest, bytes(row["password_hash"])):
        raise HTTPException(status_code=401, detail="invalid credentials")
    return {"token": await issue_token(request.app.state.redis, "courier", row["id"])}


@router.get("/{courier_id}")
async def get_courier(courier_id: int, _: Principal = Depends(require("staff"))) -> dict:
    row = await CourierRepository().get(courier_id)
    if row is None:
        return {"error": "courier not found"}
    return {"id": row["id"], "name": row["name"], "status": row["status"], "zone": row["zone"]}


@router.get("/me/orders")
async def my_orders(who: Principal = Depends(require("courier")), session: AsyncSession = Depends(get_session)) -> list[dict]:
    orders = await OrderRepository(session).active_for_courier(who.id)
    return [{"id": o.id, "status": o.status.value, "address": o.address} for o in orders]


@router.post("/me/orders/{order_id}/delivered")
async def delivered(
    order_id: int, who: Principal = Depends(require("courier")), service: OrderService = Depends(order_service)
) -> dict:
    try:
        await service.mark_delivered(order_id, who.id)
    except LookupError:
        raise HTTPException(status_code=404, detail="order not found") from None
    except OrderRejected as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    return {"ok": True}


@router.post("/me/shift/start")
async def start_shift(who: Principal = Depends(require("courier"))) -> dict:
    repo = CourierRepository()
    row = await repo.get(who.id)
    if row is None:
        raise HTTPException(status_code=404, detail="courier not found")
    if row["status"] != "offline":
        raise HTTPException(status_code=409, detail=f"courier is already {row['status']}")
    await repo.set_status(who.id, "idle")
    return {"status": "idle"}


@router.post("/me/shift/end")
async def end_shift(who: Principal = Depends(require("courier")), session: AsyncSession = Depends(get_session)) -> dict:
    active = await OrderRepository(session).active_for_courier(who.id)
    if active:
        raise HTTPException(status_code=409, detail="finish active deliveries first")
    await CourierRepository().set_status(who.id, "offline")
    return {"status": "offline"}
