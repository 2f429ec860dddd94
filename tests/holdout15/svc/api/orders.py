"""Customer-facing cart and order endpoints."""
from __future__ import annotations

import time
from collections import defaultdict, deque
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query, status
from pydantic import BaseModel, Field

from svc.api.deps import current_customer, get_cart_service, get_order_repo, get_order_service
from svc.config import get_settings
from svc.repositories.orders import OrderRepository
from svc.services.carts import CartService
from svc.services.orders import OrderService

router = APIRouter()

Customer = Annotated[int, Depends(current_customer)]
Orders = Annotated[OrderService, Depends(get_order_service)]
OrderRepo = Annotated[OrderRepository, Depends(get_order_repo)]

_recent_orders: dict[int, deque[float]] = defaultdict(deque)


def _throttle(customer_id: int, per_minute: int) -> None:
    now = time.monotonic()
    window = _recent_orders[customer_id]
    while window and now - window[0] > 60:
        window.popleft()
    if len(window) >= per_minute:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "too many orders, try again in a minute")
    window.append(now)


class CartItemIn(BaseModel):
    restaurant_id: int
    item_id: int
    quantity: int = Field(ge=1, le=50)


class PlaceOrderIn(BaseModel):
    phone: str = Field(pattern=r"^\+[1-9]\d{6,14}$")
    address: str = Field(min_length=5, max_length=300)
    payment_token: str
    tip_cents: int = Field(default=0, ge=0, le=10_000)
    promo_code: str | None = None


@router.post("/cart/items", status_code=204)
async def add_to_cart(body: CartItemIn, customer_id: Customer, carts: Annotated[CartService, Depends(get_cart_service)]) -> None:
    await carts.add(customer_id, body.restaurant_id, body.item_id, body.quantity)


@router.get("/cart/quote")
async def quote(customer_id: Customer, service: Orders, carts: Annotated[CartService, Depends(get_cart_service)], tip_cents: int = 0) -> dict[str, Any]:
    await carts.touch(customer_id)
    q = await service.quote(customer_id, tip_cents)
    return {"restaurant_id": q.restaurant_id, "subtotal_cents": q.subtotal_cents,
            "delivery_fee_cents": q.delivery_fee_cents, "total_cents": q.total_cents}


@router.post("/orders", status_code=201)
async def place_order(
    body: PlaceOrderIn,
    customer_id: Customer,
    service: Orders,
    idempotency_key: Annotated[str, Header(alias="Idempotency-Key", min_length=8, max_length=64)],
) -> dict[str, int]:
    _throttle(customer_id, get_settings().orders_per_minute)
    order_id = await service.place(
        customer_id=customer_id,
        phone=body.phone,
        address=body.address,
        payment_token=body.payment_token,
        idempotency_key=idempotency_key,
        tip_cents=body.tip_cents,
        promo_code=body.promo_code,
    )
    return {"order_id": order_id}


@router.get("/orders")
async def my_orders(
    customer_id: Customer, repo: OrderRepo, before_id: int | None = None, limit: Annotated[int, Query(le=50)] = 20
) -> list[dict[str, Any]]:
    return await repo.list_for_customer(customer_id, before_id, limit)


@router.get("/orders/{order_id}")
async def get_order(order_id: int, customer_id: Customer, repo: OrderRepo, service: Orders) -> dict[str, Any]:
    order = await repo.get(order_id)
    if order["customer_id"] != customer_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "order not found")
    return {**order, "payment": await service.payment_state(order_id)}


@router.post("/orders/{order_id}/cancel", status_code=204)
async def cancel_order(order_id: int, customer_id: Customer, repo: OrderRepo, service: Orders) -> None:
    order = await repo.get(order_id)
    if order["customer_id"] != customer_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "order not found")
    await service.cancel(order_id, "cancelled by customer")


@router.post("/orders/{order_id}/receipt")
async def receipt(order_id: int, customer_id: Customer, repo: OrderRepo, service: Orders) -> dict[str, str]:
    order = await repo.get(order_id)
    if order["customer_id"] != customer_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "order not found")
    return {"receipt": await service.issue_receipt(order_id)}
