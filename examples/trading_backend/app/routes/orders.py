"""Order entry and order history."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime, timezone

import asyncpg
from fastapi import APIRouter, Depends, HTTPException, Query, status

from app.config import settings
from app.database import DataManager
from app.dependencies import get_current_user, get_db, get_order_service, require_admin
from app.models import ORDER_TYPE_LABELS, FillReport, OrderCreate, OrderOut, OrderPage
from app.services import notifier
from app.services.order_service import OrderRejected, OrderService

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/orders", tags=["orders"])

_recent_submissions: dict[int, list[float]] = {}


@router.post("", response_model=OrderOut, status_code=status.HTTP_201_CREATED)
async def submit_order(
    req: OrderCreate,
    user: asyncpg.Record = Depends(get_current_user),
    svc: OrderService = Depends(get_order_service),
) -> OrderOut:
    now = time.monotonic()
    recent = [t for t in _recent_submissions.get(user["id"], []) if now - t < 60]
    if len(recent) >= settings.rate_limit_per_minute:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "order rate limit exceeded")
    recent.append(now)
    _recent_submissions[user["id"]] = recent

    try:
        order = await svc.place_order(user["id"], req)
    except OrderRejected as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_ENTITY, detail={"reasons": list(exc.reasons)}
        ) from exc
    except LookupError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc

    notifier.notify_order_event(order, "placed")
    return OrderOut.model_validate(dict(order))


@router.get("", response_model=list[OrderOut])
async def list_orders(
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0),
    user: asyncpg.Record = Depends(get_current_user),
    dm: DataManager = Depends(get_db),
) -> list[OrderOut]:
    rows = await dm.list_orders_page(user["id"], limit=limit, offset=offset)
    return [OrderOut.model_validate(dict(row)) for row in rows]


@router.get("/history", response_model=OrderPage)
async def order_history(
    before: datetime | None = None,
    limit: int = Query(50, ge=1, le=200),
    user: asyncpg.Record = Depends(get_current_user),
    dm: DataManager = Depends(get_db),
) -> OrderPage:
    cursor = before or datetime.now(timezone.utc)
    rows = await dm.list_orders_before(user["id"], cursor, limit)
    items = [OrderOut.model_validate(dict(row)) for row in rows]
    next_cursor = items[-1].created_at if len(items) == limit else None
    return OrderPage(items=items, next_cursor=next_cursor)


@router.get("/types")
def order_types() -> dict[str, str]:
    return dict(ORDER_TYPE_LABELS)


@router.get("/{order_id}", response_model=OrderOut)
async def get_order(
    order_id: int,
    user: asyncpg.Record = Depends(get_current_user),
    dm: DataManager = Depends(get_db),
) -> OrderOut:
    order = await dm.get_order(order_id)
    if order is None or order["user_id"] != user["id"]:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "order not found")
    return OrderOut.model_validate(dict(order))


@router.delete("/{order_id}", response_model=OrderOut)
async def cancel_order(
    order_id: int,
    user: asyncpg.Record = Depends(get_current_user),
    svc: OrderService = Depends(get_order_service),
) -> OrderOut:
    try:
        order = await svc.cancel_order(user["id"], order_id)
    except LookupError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "order not found") from exc
    except ValueError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc

    await asyncio.to_thread(notifier.notify_order_event, order, "cancelled")
    return OrderOut.model_validate(dict(order))


@router.post("/{order_id}/fills", response_model=OrderOut)
async def report_fill(
    order_id: int,
    fill: FillReport,
    _admin: asyncpg.Record = Depends(require_admin),
    svc: OrderService = Depends(get_order_service),
) -> OrderOut:
    """Execution reports from the venue gateway."""
    try:
        order = await svc.record_fill(order_id, fill.quantity, fill.price)
    except Exception:
        logger.exception("failed to record fill for order %s", order_id)
        raise
    await asyncio.to_thread(notifier.notify_order_event, order, "filled")
    return OrderOut.model_validate(dict(order))
