from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from ..config import get_settings

from ..db.models import OPEN_ORDER_STATUSES, Order, OrderStatus


async def add_order(session: AsyncSession, order: Order) -> Order:
    session.add(order)
    await session.flush()
    return order


async def by_client_order_id(session: AsyncSession, account_id: int, client_order_id: str) -> Order | None:
    stmt = select(Order).where(Order.account_id == account_id, Order.client_order_id == client_order_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def by_exchange_order_id(session: AsyncSession, exchange_order_id: str) -> Order | None:
    stmt = select(Order).where(Order.exchange_order_id == exchange_order_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def open_orders_for_account(session: AsyncSession, account_id: int) -> Sequence[Order]:
    stmt = select(Order).where(Order.account_id == account_id, Order.status.in_(OPEN_ORDER_STATUSES))
    return (await session.execute(stmt)).scalars().all()


async def stale_routed_orders(session: AsyncSession, older_than: datetime, limit: int = 200) -> Sequence[Order]:
    stmt = (
        select(Order)
        .where(Order.status == OrderStatus.ROUTED, Order.updated_at < older_than)
        .order_by(Order.updated_at)
        .limit(limit)
    )
    return (await session.execute(stmt)).scalars().all()


async def page_for_account(
    session: AsyncSession, account_id: int, before: datetime | None, limit: int
) -> Sequence[Order]:
    stmt = select(Order).where(Order.account_id == account_id)
    if before is not None:
        stmt = stmt.where(Order.created_at < before)
    stmt = stmt.order_by(Order.created_at.desc()).limit(limit)
    return (await session.execute(stmt)).scalars().all()


async def apply_fill_quantity(session: AsyncSession, order_id: int, fill_qty: int) -> Order:
    stmt = (
        update(Order)
        .where(Order.id == order_id)
        .values(filled_quantity=Order.filled_quantity + fill_qty)
        .returning(Order)
    )
    return (await session.execute(stmt)).scalar_one()


async def set_status(session: AsyncSession, order: Order, status: OrderStatus, exchange_order_id: str | None = None) -> None:
    order.status = status
    if exchange_order_id is not None:
        order.exchange_order_id = exchange_order_id


async def daily_volume_by_symbol(day: date) -> list[dict[str, Any]]:
    engine = create_async_engine(get_settings().reporting_database_url)
    async with engine.connect() as conn:
        result = await conn.execute(
            text(
                "SELECT o.symbol, sum(f.quantity) AS shares, sum(f.quantity * f.price) AS notional "
                "FROM fills f JOIN orders o ON o.id = f.order_id "
                "WHERE f.executed_at >= :day AND f.executed_at < :day + interval '1 day' "
                "GROUP BY o.symbol ORDER BY notional DESC"
            ),
            {"day": day},
        )
        return [dict(row._mapping) for row in result]
