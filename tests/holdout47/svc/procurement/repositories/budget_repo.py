from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from procurement.db.models import BudgetHold, CostCentre


async def get_cost_centre(session: AsyncSession, cost_centre_id: int) -> CostCentre | None:
    return await session.get(CostCentre, cost_centre_id)


async def lock_cost_centre(session: AsyncSession, cost_centre_id: int) -> CostCentre | None:
    stmt = select(CostCentre).where(CostCentre.id == cost_centre_id).with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def add_commitment(session: AsyncSession, cost_centre_id: int, amount: Decimal) -> None:
    await session.execute(
        update(CostCentre)
        .where(CostCentre.id == cost_centre_id)
        .values(committed=CostCentre.committed + amount, version=CostCentre.version + 1)
    )


async def hold_for_requisition(session: AsyncSession, requisition_id: int) -> BudgetHold | None:
    stmt = select(BudgetHold).where(BudgetHold.requisition_id == requisition_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def open_holds(session: AsyncSession, cost_centre_id: int) -> list[BudgetHold]:
    stmt = select(BudgetHold).where(BudgetHold.cost_centre_id == cost_centre_id, BudgetHold.released.is_(False))
    return list((await session.execute(stmt)).scalars())
