"""Request-scoped dependencies."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from shop.repository import OrderRepository


def get_orders(request: Request) -> OrderRepository:
    return OrderRepository(request.app.state.pool)


OrdersDep = Annotated[OrderRepository, Depends(get_orders)]
