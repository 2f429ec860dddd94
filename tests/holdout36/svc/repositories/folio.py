from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import FolioCharge


async def charges_for(session: AsyncSession, reservation_id: int) -> Sequence[FolioCharge]:
    stmt = select(FolioCharge).where(FolioCharge.reservation_id == reservation_id).order_by(FolioCharge.posted_on)
    return (await session.scalars(stmt)).all()


async def charges_for_many(session: AsyncSession, reservation_ids: Sequence[int]) -> dict[int, list[FolioCharge]]:
    grouped: dict[int, list[FolioCharge]] = defaultdict(list)
    if not reservation_ids:
        return grouped
    stmt = select(FolioCharge).where(FolioCharge.reservation_id.in_(reservation_ids))
    for charge in await session.scalars(stmt):
        grouped[charge.reservation_id].append(charge)
    return grouped


async def post(
    session: AsyncSession, reservation_id: int, posted_on: date, code: str, description: str, amount: Decimal
) -> FolioCharge:
    charge = FolioCharge(
        reservation_id=reservation_id, posted_on=posted_on, code=code, description=description, amount=amount
    )
    session.add(charge)
    await session.flush()
    return charge
