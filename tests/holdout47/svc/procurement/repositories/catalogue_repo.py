from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from procurement.clients.partner_feed import FeedRow
from procurement.db.models import CatalogueItem


async def get_by_sku(session: AsyncSession, supplier_id: int, sku: str) -> CatalogueItem | None:
    stmt = select(CatalogueItem).where(CatalogueItem.supplier_id == supplier_id, CatalogueItem.sku == sku)
    return (await session.execute(stmt)).scalar_one_or_none()


async def search(session: AsyncSession, text: str) -> Sequence[CatalogueItem]:
    stmt = select(CatalogueItem).where(func.lower(CatalogueItem.name).like(f"%{text.lower()}%"))
    return (await session.execute(stmt)).scalars().all()


async def get_many(session: AsyncSession, item_ids: Iterable[int]) -> dict[int, CatalogueItem]:
    ids = list(set(item_ids))
    if not ids:
        return {}
    stmt = select(CatalogueItem).where(CatalogueItem.id.in_(ids))
    return {item.id: item for item in (await session.execute(stmt)).scalars()}


async def upsert_rows(session: AsyncSession, supplier_id: int, rows: Sequence[FeedRow]) -> int:
    if not rows:
        return 0
    values = [
        {
            "supplier_id": supplier_id,
            "sku": r.sku,
            "name": r.name,
            "description": r.description,
            "unit_price": r.unit_price,
            "currency": r.currency,
            "unspsc_code": r.unspsc_code,
        }
        for r in rows
    ]
    stmt = insert(CatalogueItem).values(values)
    stmt = stmt.on_conflict_do_update(
        constraint="uq_catalogue_supplier_sku",
        set_={
            "name": stmt.excluded.name,
            "description": stmt.excluded.description,
            "unit_price": stmt.excluded.unit_price,
            "currency": stmt.excluded.currency,
            "unspsc_code": stmt.excluded.unspsc_code,
            "updated_at": func.now(),
        },
    )
    await session.execute(stmt)
    return len(values)


async def skus_for_supplier(session: AsyncSession, supplier_id: int) -> list[str]:
    stmt = select(CatalogueItem.sku).where(CatalogueItem.supplier_id == supplier_id)
    return list((await session.execute(stmt)).scalars())


async def delete_skus(session: AsyncSession, supplier_id: int, skus: Sequence[str]) -> None:
    for sku in skus:
        item = await get_by_sku(session, supplier_id, sku)
        if item is not None:
            await session.delete(item)
