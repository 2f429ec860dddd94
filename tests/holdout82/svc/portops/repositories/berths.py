from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, select, text

from portops.db.models import Berth, Vessel, VesselCall
from portops.repositories.base import SqlRepository

ACTIVE_CALL_STATUSES = ("ARRIVED", "BERTHED", "WORKING")


class BerthRepository(SqlRepository):
    async def get_berth(self, berth_id: int) -> Berth | None:
        return await self.session.get(Berth, berth_id)

    async def get_berths(self, berth_ids: set[int]) -> dict[int, Berth]:
        if not berth_ids:
            return {}
        rows = await self.session.execute(select(Berth).where(Berth.id.in_(berth_ids)))
        return {b.id: b for b in rows.scalars()}

    async def by_code(self, code: str) -> Berth | None:
        rows = await self.session.execute(select(Berth).where(Berth.code == code))
        return rows.scalar_one_or_none()

    async def calls_in_window(self, start: datetime, end: datetime) -> list[VesselCall]:
        stmt = (
            select(VesselCall)
            .where(and_(VesselCall.eta < end, VesselCall.eta >= start))
            .order_by(VesselCall.eta)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def calls_for_berth(self, berth_id: int, start: datetime, end: datetime) -> list[VesselCall]:
        stmt = select(VesselCall).where(
            VesselCall.berth_id == berth_id, VesselCall.eta >= start, VesselCall.eta < end
        )
        return list((await self.session.execute(stmt)).scalars())

    async def active_call_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for status in ACTIVE_CALL_STATUSES:
            rows = await self.session.execute(select(VesselCall.id).where(VesselCall.status == status))
            counts[status] = len(rows.all())
        return counts

    async def get_call(self, call_id: int) -> VesselCall | None:
        return await self.session.get(VesselCall, call_id)

    async def get_vessel(self, vessel_id: int) -> Vessel | None:
        return await self.session.get(Vessel, vessel_id)

    async def reserve_length(self, berth_id: int, meters: float) -> bool:
        result = await self.session.execute(
            text(
                "UPDATE berths SET occupied_m = occupied_m + :m "
                "WHERE id = :id AND occupied_m + :m <= length_m RETURNING id"
            ),
            {"m": meters, "id": berth_id},
        )
        return result.scalar_one_or_none() is not None
