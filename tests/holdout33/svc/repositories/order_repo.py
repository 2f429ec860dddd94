"""Orders, order lines and pick lists."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..db.models import Order, OrderLine, PickList, PickTask
from ..errors import OrderNotFound

_IN_CHUNK = 500


def _chunks(ids: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


async def get_order(session: AsyncSession, order_id: int) -> Order:
    order = await session.get(Order, order_id)
    if order is None:
        raise OrderNotFound(f"order {order_id} not found")
    return order


async def get_order_with_lines(session: AsyncSession, order_id: int) -> Order:
    stmt = select(Order).options(selectinload(Order.lines)).where(Order.id == order_id)
    order = (await session.execute(stmt)).scalar_one_or_none()
    if order is None:
        raise OrderNotFound(f"order {order_id} not found")
    return order


async def id_for_external_ref(session: AsyncSession, external_ref: str) -> int | None:
    stmt = select(Order.id).where(Order.external_ref == external_ref)
    return (await session.execute(stmt)).scalar_one_or_none()


async def lines_for_order(session: AsyncSession, order_id: int) -> list[OrderLine]:
    stmt = select(OrderLine).where(OrderLine.order_id == order_id).order_by(OrderLine.id)
    return list((await session.execute(stmt)).scalars())


async def lines_for_orders(session: AsyncSession, order_ids: Sequence[int]) -> dict[int, list[OrderLine]]:
    grouped: dict[int, list[OrderLine]] = defaultdict(list)
    for chunk in _chunks(order_ids, _IN_CHUNK):
        stmt = select(OrderLine).where(OrderLine.order_id.in_(chunk))
        for line in (await session.execute(stmt)).scalars():
            grouped[line.order_id].append(line)
    return grouped


async def releasable_orders(session: AsyncSession, warehouse_id: int, limit: int) -> list[Order]:
    stmt = (
        select(Order)
        .where(Order.warehouse_id == warehouse_id, Order.status == "ready")
        .order_by(Order.ship_by, Order.priority.desc())
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


async def orders_for_customer(session: AsyncSession, customer_id: str, limit: int = 50) -> list[Order]:
    stmt = select(Order).where(Order.customer_id == customer_id).order_by(Order.id.desc()).limit(limit)
    return list((await session.execute(stmt)).scalars())


async def list_orders_after(session: AsyncSession, after_id: int, limit: int) -> list[Order]:
    stmt = select(Order).where(Order.id > after_id).order_by(Order.id).limit(limit)
    return list((await session.execute(stmt)).scalars())


async def mark_status(session: AsyncSession, order_ids: Sequence[int], status: str) -> None:
    if order_ids:
        await session.execute(update(Order).where(Order.id.in_(order_ids)).values(status=status))


# --- pick lists ---


async def pick_lists_for_wave(session: AsyncSession, wave_id: int) -> list[PickList]:
    stmt = (
        select(PickList)
        .options(selectinload(PickList.tasks))
        .where(PickList.wave_id == wave_id)
        .order_by(PickList.id)
    )
    return list((await session.execute(stmt)).scalars())


async def create_pick_lists(session: AsyncSession, wave_id: int, batches: Sequence[Sequence[dict[str, Any]]]) -> int:
    """Insert one pick list per batch and all of their tasks in two statements."""
    if not batches:
        return 0
    list_ids = (
        await session.execute(
            insert(PickList).returning(PickList.id, sort_by_parameter_order=True),
            [{"wave_id": wave_id, "status": "open"} for _ in batches],
        )
    ).scalars().all()
    task_rows = [
        {**task, "pick_list_id": list_id, "sequence": seq}
        for list_id, batch in zip(list_ids, batches)
        for seq, task in enumerate(batch, start=1)
    ]
    await session.execute(insert(PickTask), task_rows)
    return len(list_ids)

