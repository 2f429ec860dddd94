from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert

from fleetwise.db.models import EmissionRecord
from fleetwise.repositories.base import BaseRepository


class EmissionRepository(BaseRepository[EmissionRecord]):
    model = EmissionRecord

    async def upsert_daily(self, vessel_id: int, day: date, co2_t: float, distance_nm: float) -> None:
        stmt = insert(EmissionRecord).values(vessel_id=vessel_id, period_day=day, co2_t=co2_t, distance_nm=distance_nm)
        stmt = stmt.on_conflict_do_update(
            constraint="uq_emission_vessel_day",
            set_={"co2_t": stmt.excluded.co2_t, "distance_nm": stmt.excluded.distance_nm},
        )
        await self.session.execute(stmt)

    async def unsubmitted(self, day: date) -> list[EmissionRecord]:
        result = await self.session.execute(
            select(EmissionRecord).where(EmissionRecord.period_day == day, EmissionRecord.submitted.is_(False))
        )
        return list(result.scalars())

    async def mark_submitted(self, record_id: int) -> None:
        await self.session.execute(
            update(EmissionRecord).where(EmissionRecord.id == record_id).values(submitted=True)
        )

    async def year_for_vessel(self, vessel_id: int, year: int) -> list[EmissionRecord]:
        result = await self.session.execute(
            select(EmissionRecord)
            .where(
                EmissionRecord.vessel_id == vessel_id,
                EmissionRecord.period_day >= date(year, 1, 1),
                EmissionRecord.period_day < date(year + 1, 1, 1),
            )
            .order_by(EmissionRecord.period_day)
        )
        return list(result.scalars())
