from __future__ import annotations

import logging
from datetime import datetime

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache.redis_client import get_redis
from ..db.engine import get_session
from ..db.models import Order
from ..repositories import accounts as accounts_repo
from ..repositories import orders as orders_repo
from ..schemas import OrderOut, OrderRequest
from ..services import orders as order_service
from .deps import current_customer_id

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/orders", tags=["orders"])


@router.post("", response_model=OrderOut, status_code=201)
async def place_order(
    req: OrderRequest,
    customer_id: int = Depends(current_customer_id),
    session: AsyncSession = Depends(get_session),
) -> Order:
    halted = await get_redis().get("trading:kill-switch")
    if halted is not None:
        raise HTTPException(503, "order entry is temporarily halted")
    try:
        return await order_service.place_order(session, customer_id, req)
    except order_service.OrderRejected as exc:
        raise HTTPException(422, exc.reason) from exc
    except order_service.OrderNotFound as exc:
        raise HTTPException(404, "account not found") from exc
    except Exception as exc:
        raise HTTPException(400, f"could not place order: {exc}")


@router.post("/preview")
async def preview_order(req: OrderRequest, customer_id: int = Depends(current_customer_id)) -> dict:
    return {"estimated_cost": str(order_service.estimated_cost(req))}


@router.delete("/{order_id}", response_model=OrderOut)
async def cancel_order(
    order_id: int,
    customer_id: int = Depends(current_customer_id),
    session: AsyncSession = Depends(get_session),
) -> Order:
    try:
        return await order_service.cancel_order(session, customer_id, order_id)
    except order_service.OrderNotFound:
        raise HTTPException(404, "order not found") from None
    except order_service.OrderRejected as exc:
        raise HTTPException(409, exc.reason) from exc


@router.get("/{order_id}")
async def get_order(
    order_id: int,
    customer_id: int = Depends(current_customer_id),
    session: AsyncSession = Depends(get_session),
):
    order = await session.get(Order, order_id)
    if order is None:
        return {"error": "order not found"}
    account = await accounts_repo.get_account(session, order.account_id)
    if account is None or account.customer_id != customer_id:
        raise HTTPException(404, "order not found")
    return OrderOut.model_validate(order)


@router.get("", response_model=list[OrderOut])
async def list_orders(
    account_id: int,
    before: datetime | None = None,
    limit: int = Query(50, le=200),
    customer_id: int = Depends(current_customer_id),
    session: AsyncSession = Depends(get_session),
) -> list[Order]:
    account = await accounts_repo.get_account(session, account_id)
    if account is None or account.customer_id != customer_id:
        raise HTTPException(404, "account not found")
    return list(await orders_repo.page_for_account(session, account_id, before, limit))
