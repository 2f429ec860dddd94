from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.db.models import Crop, YieldReport


class YieldRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def list_for_farm(self, farm_id: int, year: int) -> list[YieldReport]:
        stmt = select(YieldReport).where(YieldReport.farm_id == farm_id, YieldReport.season_year == year)
        return list((await self._session.scalars(stmt)).all())

    async def crop(self, crop_id: int) -> Crop | None:
        return await self._session.get(Crop, crop_id)

    async def crops_by_id(self, crop_ids: set[int]) -> dict[int, Crop]:
        stmt = select(Crop).where(Crop.id.in_(crop_ids))
        return {c.id: c for c in (await self._session.scalars(stmt)).all()}

    async def crop_by_code(self, code: str) -> Crop | None:
        stmt = select(Crop).where(Crop.code == code)
        return (await self._session.scalars(stmt)).first()

    def add_many(self, reports: list[YieldReport]) -> None:
        self._session.add_all(reports)
