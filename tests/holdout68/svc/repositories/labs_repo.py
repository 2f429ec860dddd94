from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import LabOrder, LabResult


async def get_order_by_accession(session: AsyncSession, accession: str) -> LabOrder | None:
    stmt = select(LabOrder).where(LabOrder.accession_no == accession)
    return (await session.execute(stmt)).scalar_one_or_none()


async def create_order(session: AsyncSession, pet_id: int, partner: str, accession: str, panel: str) -> LabOrder:
    order = LabOrder(pet_id=pet_id, partner=partner, accession_no=accession, panel=panel)
    session.add(order)
    await session.flush()
    return order


async def add_results(session: AsyncSession, rows: Iterable[dict]) -> int:
    values = list(rows)
    if values:
        await session.execute(insert(LabResult), values)
    return len(values)


async def results_for_pet(session: AsyncSession, pet_id: int, limit: int = 200) -> list[tuple[LabOrder, LabResult]]:
    stmt = (
        select(LabOrder, LabResult)
        .join(LabResult, LabResult.lab_order_id == LabOrder.id)
        .where(LabOrder.pet_id == pet_id)
        .order_by(LabResult.received_at.desc())
        .limit(limit)
    )
    return [(o, r) for o, r in (await session.execute(stmt)).all()]
