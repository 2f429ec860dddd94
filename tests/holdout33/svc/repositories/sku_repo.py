"""SKU master-data queries."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Sku


async def get_by_code(session: AsyncSession, sku_code: str) -> Sku | None:
    return (await session.execute(select(Sku).where(Sku.sku_code == sku_code))).scalar_one_or_none()


async def get_many_by_codes(session: AsyncSession, codes: Sequence[str]) -> dict[str, Sku]:
    if not codes:
        return {}
    stmt = select(Sku).where(Sku.sku_code.in_(set(codes)))
    return {s.sku_code: s for s in (await session.execute(stmt)).scalars()}


async def find_by_code_insensitive(session: AsyncSession, code: str) -> Sku | None:
    stmt = select(Sku).where(func.lower(Sku.sku_code) == code.strip().lower())
    return (await session.execute(stmt)).scalars().first()


async def search(session: AsyncSession, term: str, limit: int = 25) -> list[Sku]:
    stmt = (
        select(Sku)
        .where(Sku.is_active.is_(True), Sku.description.ilike(f"%{term}%"))
        .order_by(Sku.sku_code)
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


async def get_by_barcode(session: AsyncSession, barcode: str) -> Sku | None:
    stmt = select(Sku).where(Sku.barcode == barcode)
    return (await session.execute(stmt)).scalar_one_or_none()
