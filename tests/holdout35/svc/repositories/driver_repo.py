"""Driver persistence."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Driver, DriverRatingEvent, DriverStatus


class DriverRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, driver_id: int) -> Driver | None:
        return await self.session.get(Driver, driver_id)

    async def get_many(self, driver_ids: Iterable[int]) -> dict[int, Driver]:
        ids = list(set(driver_ids))
        if not ids:
            return {}
        rows = await self.session.scalars(select(Driver).where(Driver.id.in_(ids)))
        return {d.id: d for d in rows}

    async def by_phone(self, phone: str) -> Driver | None:
        return (await self.session.scalars(select(Driver).where(Driver.phone == phone))).first()

    async def set_status(self, driver_id: int, status: DriverStatus) -> None:
        await self.session.execute(update(Driver).where(Driver.id == driver_id).values(status=status))

    async def set_status_many(self, driver_ids: list[int], status: DriverStatus) -> None:
        if driver_ids:
            await self.session.execute(update(Driver).where(Driver.id.in_(driver_ids)).values(status=status))

    async def available_in_zone(self, zone: str) -> list[Driver]:
        stmt = select(Driver).where(Driver.status == DriverStatus.AVAILABLE, Driver.home_zone == zone)
        return list((await self.session.scalars(stmt)).all())

    async def all_with_bank_account(self) -> list[Driver]:
        stmt = select(Driver).where(Driver.bank_account_ref.is_not(None))
        return list((await self.session.scalars(stmt)).all())

    async def add_rating(self, trip_id: int, driver_id: int, stars: int, comment: str | None) -> None:
        self.session.add(DriverRatingEvent(trip_id=trip_id, driver_id=driver_id, stars=stars, comment=comment))
        await self.session.flush()
