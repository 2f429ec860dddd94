from __future__ import annotations

import logging
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Fill, OrderStatus
from ..db.pg import pool
from ..repositories import ledger as ledger_repo
from ..repositories import orders as orders_repo
from ..repositories import positions as positions_repo
from ..schemas import GatewayEvent
from ..utils.locks import account_lock, symbol_lock
from ..utils.money import notional
from ..ws.order_updates import order_updates

log = logging.getLogger(__name__)


class UnknownOrder(Exception):
    pass


async def handle_ack(session: AsyncSession, event: GatewayEvent) -> None:
    order = await orders_repo.by_exchange_order_id(session, event.exchange_order_id)
    if order is None:
        raise UnknownOrder(event.exchange_order_id)
    if order.status == OrderStatus.ROUTED:
        await orders_repo.set_status(session, order, OrderStatus.ACKED)
        await session.commit()
    order_updates.publish(order.account_id, {"type": "ack", "order_id": order.id})


async def handle_fill(session: AsyncSession, event: GatewayEvent) -> None:
    assert event.exec_id and event.quantity and event.price is not None
    order = await orders_repo.by_exchange_order_id(session, event.exchange_order_id)
    if order is None:
        raise UnknownOrder(event.exchange_order_id)

    async with account_lock(order.account_id):
        async with symbol_lock(order.symbol):
            session.add(
                Fill(
                    order_id=order.id,
                    exec_id=event.exec_id,
                    quantity=event.quantity,
                    price=event.price,
                    executed_at=datetime.fromtimestamp(event.ts, tz=timezone.utc),
                )
            )
            updated = await orders_repo.apply_fill_quantity(session, order.id, event.quantity)
            status = OrderStatus.FILLED if updated.filled_quantity >= updated.quantity else OrderStatus.PARTIAL
            await orders_repo.set_status(session, updated, status)
            await session.commit()

            signed_qty = event.quantity if order.side == "buy" else -event.quantity
            cash_delta = -notional(signed_qty, event.price)
            async with pool().acquire(timeout=5) as conn:
                async with conn.transaction():
                    await positions_repo.apply_delta(conn, order.account_id, order.symbol, signed_qty, event.price)
                    await ledger_repo.post_entry(conn, order.account_id, cash_delta, "trade", f"fill:{event.exec_id}")
                    balance = await ledger_repo.cash_balance(order.account_id)
                    await ledger_repo.set_cash_balance(conn, order.account_id, balance + cash_delta)

    order_updates.publish(
        order.account_id,
        {"type": "fill", "order_id": order.id, "qty": event.quantity, "price": str(event.price), "status": status.value},
    )


async def handle_reject(session: AsyncSession, event: GatewayEvent) -> None:
    order = await orders_repo.by_exchange_order_id(session, event.exchange_order_id)
    if order is None:
        raise UnknownOrder(event.exchange_order_id)
    await orders_repo.set_status(session, order, OrderStatus.REJECTED)
    await session.commit()
    log.info("order %s rejected by venue: %s", order.id, event.reason)
    order_updates.publish(order.account_id, {"type": "reject", "order_id": order.id, "reason": event.reason})


async def handle_cancel(session: AsyncSession, event: GatewayEvent) -> None:
    order = await orders_repo.by_exchange_order_id(session, event.exchange_order_id)
    if order is None:
        raise UnknownOrder(event.exchange_order_id)
    await orders_repo.set_status(session, order, OrderStatus.CANCELED)
    await session.commit()
    order_updates.publish(order.account_id, {"type": "cancel", "order_id": order.id})


async def settle_dividend(conn, account_id: int, amount: Decimal, reference: str) -> Decimal:
    await ledger_repo.post_entry(conn, account_id, amount, "dividend", reference)
    return await ledger_repo.adjust_cash_balance(conn, account_id, amount)
