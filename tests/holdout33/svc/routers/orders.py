"""Order intake and lookup."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from ..deps import ContainerDep, SessionDep, api_rate_limit
from ..repositories import order_repo
from ..schemas import OrderIn, OrderOut

router = APIRouter(prefix="/orders", tags=["orders"], dependencies=[Depends(api_rate_limit)])


@router.post("", status_code=201, response_model=OrderOut)
async def create_order(body: OrderIn, session: SessionDep, container: ContainerDep) -> OrderOut:
    return OrderOut.model_validate(await container.orders.create_order(session, body))


@router.get("", response_model=list[OrderOut])
async def list_orders(
    session: SessionDep, after_id: int = Query(0, ge=0), limit: int = Query(50, ge=1, le=200)
) -> list[OrderOut]:
    return [OrderOut.model_validate(o) for o in await order_repo.list_orders_after(session, after_id, limit)]


@router.get("/customers/{customer_id}", response_model=list[OrderOut])
async def customer_orders(customer_id: str, session: SessionDep) -> list[OrderOut]:
    return [OrderOut.model_validate(o) for o in await order_repo.orders_for_customer(session, customer_id)]

