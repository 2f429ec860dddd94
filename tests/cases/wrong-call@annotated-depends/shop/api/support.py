"""Support desk endpoints."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from shop.api.deps import OrdersDep, get_orders
from shop.repository import OrderRepository

router = APIRouter()


@router.get("/support/orders")
async def lookup(phone: str, orders: Annotated[OrderRepository, Depends(get_orders)]) -> list[dict[str, Any]]:
    return await orders.find_by_customer_phone(phone)  # expect: wrong-call


@router.get("/support/orders/by-phone")
async def lookup_ok(phone: str, orders: Annotated[OrderRepository, Depends(get_orders)]) -> list[dict[str, Any]]:
    return await orders.find_by_phone(phone)


@router.get("/support/open")
async def open_count(orders: OrdersDep) -> dict[str, int]:
    return {"open": await orders.count_open()}


@router.get("/support/meta")
async def meta(extra: Annotated[dict[str, Any], Depends(get_orders)]) -> list[str]:
    return list(extra.keys())
