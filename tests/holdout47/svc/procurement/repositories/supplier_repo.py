from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from procurement.db.models import Supplier


async def get(session: AsyncSession, supplier_id: int) -> Supplier | None:
    return await session.get(Supplier, supplier_id)


async def get_many(session: AsyncSession, supplier_ids: Iterable[int]) -> dict[int, Supplier]:
    ids = sorted(set(supplier_ids))
    if not ids:
        return {}
    rows = await session.execute(select(Supplier).where(Supplier.id.in_(ids)))
    return {s.id: s for s in rows.scalars()}


async def active(session: AsyncSession) -> Sequence[Supplier]:
    rows = await session.execute(select(Supplier).where(Supplier.active.is_(True)).order_by(Supplier.id))
    return rows.scalars().all()


async def by_edi_partner(session: AsyncSession, partner_id: str) -> Supplier | None:
    rows = await session.execute(select(Supplier).where(Supplier.edi_partner_id == partner_id))
    return rows.scalar_one_or_none()
