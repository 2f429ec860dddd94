from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.gateway import GatewayRejected, get_gateway
from ..db.models import Order, OrderStatus
from ..repositories import orders as orders_repo
from ..utils.resilience import CircuitOpenError
from ..utils.locks import account_lock
from . import audit

log = logging.getLogger(__name__)


async def route_order(session: AsyncSession, order: Order, account_number: str) -> None:
    gateway = get_gateway()
    try:
        ack = await gateway.submit_order(
            client_order_id=order.client_order_id,
            account_number=account_number,
            symbol=order.symbol,
            side=order.side,
            quantity=order.quantity,
            limit_price=order.limit_price,
        )
    except GatewayRejected:
        await orders_repo.set_status(session, order, OrderStatus.REJECTED)
        await session.commit()
        return
    except CircuitOpenError:
        log.warning("gateway circuit open; order %s left NEW for the reconciler", order.id)
        return
    await orders_repo.set_status(session, order, OrderStatus.ROUTED, exchange_order_id=ack["orderId"])
    await session.commit()
    await audit.record("order.routed", order_id=order.id, exchange_order_id=ack["orderId"])


async def request_cancel(order: Order) -> None:
    async with account_lock(order.account_id):
        await get_gateway().cancel_order(order.exchange_order_id or "")
        log.info("cancel requested for order %s", order.id)


async def resubmit(session: AsyncSession, order: Order, account_number: str) -> None:
    gateway = get_gateway()
    ack = await gateway.place_order(order.client_order_id, account_number, order.symbol, order.side, order.quantity)
    await orders_repo.set_status(session, order, OrderStatus.ROUTED, exchange_order_id=ack["orderId"])
    await session.commit()
