from __future__ import annotations

from collections.abc import Sequence

from fastapi import HTTPException
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Driver, DriverStatus


async def get(session: AsyncSession, driver_id: int) -> Driver:
    driver = await session.get(Driver, driver_id)
    if driver is None:
        raise HTTPException(status_code=404, detail=f"driver {driver_id} not found")
    return driver


async def get_many(session: AsyncSession, driver_ids: Sequence[int]) -> dict[int, Driver]:
    if not driver_ids:
        return {}
    rows = (await session.execute(select(Driver).where(Driver.id.in_(driver_ids)))).scalars().all()
    return {d.id: d for d in rows}


async def by_email(session: AsyncSession, email: str) -> Driver | None:
    stmt = select(Driver).where(Driver.email == email.lower())
    return (await session.execute(stmt)).scalar_one_or_none()


async def available_in_city(session: AsyncSession, city: str) -> Sequence[int]:
    stmt = select(Driver.id).where(Driver.city == city, Driver.status == DriverStatus.AVAILABLE)
    return (await session.execute(stmt)).scalars().all()


async def set_status(session: AsyncSession, driver_id: int, status: DriverStatus) -> None:
    await session.execute(update(Driver).where(Driver.id == driver_id).values(status=status))


async def with_payout_accounts(session: AsyncSession) -> Sequence[Driver]:
    stmt = select(Driver).where(Driver.payout_account.is_not(None)).order_by(Driver.id)
    return (await session.execute(stmt)).scalars().all()
