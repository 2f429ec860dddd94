from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.db.models import CropSeason, Field


class FieldRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, field_id: int) -> Field | None:
        return await self._session.get(Field, field_id)

    async def list_for_farm(self, farm_id: int) -> list[Field]:
        stmt = select(Field).where(Field.farm_id == farm_id).order_by(Field.name)
        return list((await self._session.scalars(stmt)).all())

    async def search(self, farm_id: int, term: str, limit: int = 50) -> list[Field]:
        stmt = (
            select(Field)
            .where(Field.farm_id == farm_id, Field.name.ilike(f"%{term}%"))
            .order_by(Field.name)
            .limit(limit)
        )
        return list((await self._session.scalars(stmt)).all())

    async def find_by_prefix(self, farm_id: int, prefix: str) -> list[Field]:
        stmt = (
            select(Field)
            .where(Field.farm_id == farm_id, Field.name.startswith(prefix))
            .order_by(Field.name)
            .limit(20)
        )
        return list((await self._session.scalars(stmt)).all())

    async def create(self, farm_id: int, name: str, boundary: dict[str, Any], area_ha: float,
                     lat: float, lon: float, crop_type: str | None) -> Field:
        field = Field(farm_id=farm_id, name=name, boundary_geojson=boundary, area_ha=area_ha,
                      centroid_lat=lat, centroid_lon=lon, crop_type=crop_type)
        self._session.add(field)
        await self._session.flush()
        return field

    async def get_budget(self, field_id: int) -> Decimal:
        stmt = select(Field.water_budget_l).where(Field.id == field_id)
        return (await self._session.scalar(stmt)) or Decimal(0)

    async def set_budget(self, field_id: int, liters: Decimal) -> None:
        await self._session.execute(update(Field).where(Field.id == field_id).values(water_budget_l=liters))

    async def debit_budget(self, field_id: int, liters: Decimal) -> bool:
        result = await self._session.execute(
            text(
                "UPDATE fields SET water_budget_l = water_budget_l - :liters "
                "WHERE id = :id AND water_budget_l >= :liters"
            ),
            {"liters": liters, "id": field_id},
        )
        return result.rowcount == 1

    async def current_season(self, field_id: int, year: int) -> CropSeason | None:
        stmt = select(CropSeason).where(CropSeason.field_id == field_id, CropSeason.year == year)
        return (await self._session.scalars(stmt)).first()
