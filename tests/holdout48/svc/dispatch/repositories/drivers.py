from __future__ import annotations

from typing import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from dispatch.db.models import Driver, Vehicle


class DriverRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, driver_id: int) -> Driver | None:
        return await self._session.get(Driver, driver_id)

    async def by_phone(self, phone: str) -> Driver | None:
        return await self._session.scalar(select(Driver).where(Driver.phone == phone))

    async def get_many(self, driver_ids: Sequence[int]) -> dict[int, Driver]:
        if not driver_ids:
            return {}
        rows = await self._session.scalars(select(Driver).where(Driver.id.in_(set(driver_ids))))
        return {d.id: d for d in rows}

    async def in_city(self, city: str) -> Sequence[Driver]:
        return (await self._session.scalars(select(Driver).where(Driver.city == city))).all()

    async def with_vehicles(self, city: str) -> list[tuple[Driver, Vehicle | None]]:
        stmt = select(Driver).where(Driver.city == city).options(selectinload(Driver.vehicle))
        drivers = (await self._session.scalars(stmt)).all()
        return [(driver, driver.vehicle) for driver in drivers]

    async def credit(self, driver_id: int, amount_cents: int) -> None:
        await self._session.execute(
            update(Driver)
            .where(Driver.id == driver_id)
            .values(balance_cents=Driver.balance_cents + amount_cents)
        )
        await self._session.commit()

    async def set_balance(self, driver: Driver, balance_cents: int) -> None:
        driver.balance_cents = balance_cents
        await self._session.commit()

    async def update_profile(self, driver: Driver, **fields) -> Driver:
        for key, value in fields.items():
            setattr(driver, key, value)
        await self._session.commit()
        return driver
