from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.gateway import GatewayRejected
from ..db.models import OPEN_ORDER_STATUSES, Order, OrderStatus
from ..repositories import accounts as accounts_repo
from ..repositories import orders as orders_repo
from ..schemas import OrderRequest
from . import audit, risk, routing

log = logging.getLogger(__name__)


class OrderRejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class OrderNotFound(Exception):
    pass


async def place_order(session: AsyncSession, customer_id: int, req: OrderRequest) -> Order:
    existing = await orders_repo.by_client_order_id(session, req.account_id, req.client_order_id)
    if existing is not None:
        return existing

    account = await accounts_repo.get_account_for_update(session, req.account_id)
    if account is None or account.customer_id != customer_id or not account.is_active:
        raise OrderNotFound(req.account_id)

    decision = await risk.check_order(session, account, req)
    if not decision.accepted:
        log.info("order %s rejected by risk: %s", req.client_order_id, decision.reason)
        raise OrderRejected(decision.reason or "rejected")

    order = Order(
        account_id=account.id,
        client_order_id=req.client_order_id,
        symbol=req.symbol.upper(),
        side=req.side,
        quantity=req.quantity,
        limit_price=req.limit_price,
        status=OrderStatus.NEW,
    )
    try:
        await orders_repo.add_order(session, order)
        await session.commit()
    except IntegrityError:
        await session.rollback()
        duplicate = await orders_repo.by_client_order_id(session, req.account_id, req.client_order_id)
        if duplicate is None:
            raise
        return duplicate

    await routing.route_order(session, order, account.account_number)
    return order


async def cancel_order(session: AsyncSession, customer_id: int, order_id: int) -> Order:
    order = await session.get(Order, order_id)
    if order is None:
        raise OrderNotFound(order_id)
    account = await accounts_repo.get_account(session, order.account_id)
    if account is None or account.customer_id != customer_id:
        raise OrderNotFound(order_id)
    if order.status not in OPEN_ORDER_STATUSES:
        raise OrderRejected(f"order is {order.status.value}")
    if order.exchange_order_id is None:
        await orders_repo.set_status(session, order, OrderStatus.CANCELED)
        await session.commit()
        return order
    try:
        await routing.request_cancel(order)
    except GatewayRejected as exc:
        log.info("cancel of order %s refused by gateway: %s", order.id, exc.reason)
        raise OrderRejected(f"cancel refused: {exc.reason}")
    audit.record("order.cancel_requested", order_id=order.id)
    return order


def estimated_cost(req: OrderRequest) -> Decimal:
    if req.limit_price is None:
        return Decimal("0")
    return req.limit_price * req.quantity
