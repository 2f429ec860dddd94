"""Stock levels, bins and replenishment tasks."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import HTTPException
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Bin, ReplenishmentTask, Sku, StockLevel
from ..errors import StockLevelNotFound


async def get_level(session: AsyncSession, bin_id: int, sku_id: int) -> StockLevel | None:
    stmt = select(StockLevel).where(StockLevel.bin_id == bin_id, StockLevel.sku_id == sku_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def get_level_for_update(session: AsyncSession, bin_id: int, sku_id: int) -> StockLevel:
    stmt = (
        select(StockLevel)
        .where(StockLevel.bin_id == bin_id, StockLevel.sku_id == sku_id)
        .with_for_update()
    )
    level = (await session.execute(stmt)).scalar_one_or_none()
    if level is None:
        raise StockLevelNotFound(f"no stock of sku {sku_id} in bin {bin_id}")
    return level


async def levels_for_sku(session: AsyncSession, sku_id: int) -> list[StockLevel]:
    stmt = select(StockLevel).where(StockLevel.sku_id == sku_id).order_by(StockLevel.bin_id)
    return list((await session.execute(stmt)).scalars())


async def pickable_levels(session: AsyncSession, sku_ids: Sequence[int], warehouse_id: int) -> list[StockLevel]:
    """All levels with free stock for the given SKUs, pick faces first."""
    stmt = (
        select(StockLevel)
        .join(Bin, Bin.id == StockLevel.bin_id)
        .where(
            StockLevel.sku_id.in_(sku_ids),
            StockLevel.warehouse_id == warehouse_id,
            StockLevel.qty_on_hand > StockLevel.qty_reserved,
        )
        .order_by(StockLevel.sku_id, Bin.is_pick_face.desc(), Bin.code)
    )
    return list((await session.execute(stmt)).scalars())


async def skus_with_pick_faces(session: AsyncSession, warehouse_id: int) -> list[int]:
    stmt = (
        select(StockLevel.sku_id)
        .join(Bin, Bin.id == StockLevel.bin_id)
        .where(Bin.warehouse_id == warehouse_id, Bin.is_pick_face.is_(True))
        .distinct()
    )
    return list((await session.execute(stmt)).scalars())


async def pick_face_level(session: AsyncSession, sku_id: int, warehouse_id: int) -> tuple[StockLevel, int] | None:
    stmt = (
        select(StockLevel, Bin.max_units)
        .join(Bin, Bin.id == StockLevel.bin_id)
        .where(
            StockLevel.sku_id == sku_id,
            StockLevel.warehouse_id == warehouse_id,
            Bin.is_pick_face.is_(True),
        )
        .limit(1)
    )
    row = (await session.execute(stmt)).first()
    return (row[0], row[1]) if row else None


async def reserve_stock_by_sku(
    session: AsyncSession, sku_ids: Sequence[int], warehouse_id: int
) -> dict[int, list[tuple[int, int]]]:
    """Bulk-storage bins holding each SKU, largest first, as (bin_id, qty)."""
    stmt = (
        select(StockLevel.sku_id, StockLevel.bin_id, StockLevel.qty_on_hand - StockLevel.qty_reserved)
        .join(Bin, Bin.id == StockLevel.bin_id)
        .where(
            StockLevel.sku_id.in_(sku_ids),
            StockLevel.warehouse_id == warehouse_id,
            Bin.is_pick_face.is_(False),
        )
        .order_by(StockLevel.sku_id, (StockLevel.qty_on_hand - StockLevel.qty_reserved).desc())
    )
    out: dict[int, list[tuple[int, int]]] = {}
    for sku_id, bin_id, free in await session.execute(stmt):
        if free > 0:
            out.setdefault(sku_id, []).append((bin_id, free))
    return out


async def pick_locations(
    session: AsyncSession, sku_ids: set[int], warehouse_id: int
) -> dict[int, tuple[int, tuple[int, int], str]]:
    """Pick-face bin, (x, y) and zone per SKU."""
    if not sku_ids:
        return {}
    stmt = (
        select(StockLevel.sku_id, Bin.id, Bin.x, Bin.y, Bin.zone)
        .join(Bin, Bin.id == StockLevel.bin_id)
        .where(
            StockLevel.sku_id.in_(sku_ids),
            StockLevel.warehouse_id == warehouse_id,
            Bin.is_pick_face.is_(True),
        )
    )
    return {sku_id: (bin_id, (x, y), zone) for sku_id, bin_id, x, y, zone in await session.execute(stmt)}


async def available_qty(session: AsyncSession, sku_id: int, warehouse_id: int) -> int:
    stmt = select(
        func.coalesce(func.sum(StockLevel.qty_on_hand - StockLevel.qty_reserved), 0)
    ).where(StockLevel.sku_id == sku_id, StockLevel.warehouse_id == warehouse_id)
    return int((await session.execute(stmt)).scalar_one())


async def add_units(session: AsyncSession, bin_id: int, sku_id: int, warehouse_id: int, qty: int) -> None:
    stmt = pg_insert(StockLevel).values(
        bin_id=bin_id, sku_id=sku_id, warehouse_id=warehouse_id, qty_on_hand=qty, qty_reserved=0, version=1
    )
    stmt = stmt.on_conflict_do_update(
        constraint="uq_stock_bin_sku",
        set_={
            "qty_on_hand": StockLevel.qty_on_hand + stmt.excluded.qty_on_hand,
            "version": StockLevel.version + 1,
        },
    )
    await session.execute(stmt)


async def consume_reserved(session: AsyncSession, bin_id: int, sku_id: int, qty: int) -> bool:
    """Take picked units out of a bin; False when the reservation no longer covers them."""
    stmt = (
        update(StockLevel)
        .where(
            StockLevel.bin_id == bin_id,
            StockLevel.sku_id == sku_id,
            StockLevel.qty_reserved >= qty,
            StockLevel.qty_on_hand >= qty,
        )
        .values(
            qty_on_hand=StockLevel.qty_on_hand - qty,
            qty_reserved=StockLevel.qty_reserved - qty,
            version=StockLevel.version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(stmt)
    return result.rowcount == 1


async def snapshot_rows(session: AsyncSession, warehouse_id: int) -> list[dict[str, Any]]:
    stmt = (
        select(Sku.sku_code, func.sum(StockLevel.qty_on_hand), func.sum(StockLevel.qty_reserved))
        .join(Sku, Sku.id == StockLevel.sku_id)
        .where(StockLevel.warehouse_id == warehouse_id)
        .group_by(Sku.sku_code)
    )
    return [
        {"sku": code, "on_hand": int(on_hand or 0), "reserved": int(reserved or 0)}
        for code, on_hand, reserved in await session.execute(stmt)
    ]


# --- bins ---


async def get_bin_by_code(session: AsyncSession, warehouse_id: int, code: str) -> Bin:
    stmt = select(Bin).where(Bin.warehouse_id == warehouse_id, Bin.code == code)
    found = (await session.execute(stmt)).scalar_one_or_none()
    if found is None:
        raise HTTPException(status_code=404, detail=f"bin {code} not found")
    return found


async def bins_by_codes(session: AsyncSession, warehouse_id: int, codes: Sequence[str]) -> dict[str, Bin]:
    if not codes:
        return {}
    stmt = select(Bin).where(Bin.warehouse_id == warehouse_id, Bin.code.in_(codes))
    return {b.code: b for b in (await session.execute(stmt)).scalars()}


async def bins_by_prefix(session: AsyncSession, warehouse_id: int, prefix: str, limit: int = 50) -> list[Bin]:
    stmt = (
        select(Bin)
        .where(Bin.warehouse_id == warehouse_id, Bin.code.startswith(prefix, autoescape=True))
        .order_by(Bin.code)
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


async def countable_bins(session: AsyncSession, warehouse_id: int) -> list[tuple[int, str, str]]:
    """(id, code, zone) of every bin in the warehouse."""
    stmt = select(Bin.id, Bin.code, Bin.zone).where(Bin.warehouse_id == warehouse_id)
    return [(bin_id, code, zone) for bin_id, code, zone in await session.execute(stmt)]


# --- replenishment tasks ---


async def create_tasks_if_absent(session: AsyncSession, rows: list[dict[str, Any]]) -> int:
    """Insert tasks, skipping faces that already have an open one."""
    if not rows:
        return 0
    stmt = (
        pg_insert(ReplenishmentTask)
        .values(rows)
        .on_conflict_do_nothing(
            index_elements=[ReplenishmentTask.sku_id, ReplenishmentTask.to_bin_id],
            index_where=ReplenishmentTask.status.in_(("open", "in_progress")),
        )
        .returning(ReplenishmentTask.id)
    )
    return len((await session.execute(stmt)).scalars().all())
