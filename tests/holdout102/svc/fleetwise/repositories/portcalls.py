from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from fleetwise.db.models import PortCall
from fleetwise.repositories.base import BaseRepository


class PortCallRepository(BaseRepository[PortCall]):
    model = PortCall

    async def for_voyage(self, voyage_id: int) -> list[PortCall]:
        result = await self.session.execute(
            select(PortCall).where(PortCall.voyage_id == voyage_id).order_by(PortCall.eta)
        )
        return list(result.scalars())

    async def arrivals(self, port_code: str, start: datetime, end: datetime) -> list[PortCall]:
        result = await self.session.execute(
            select(PortCall)
            .where(PortCall.port_code == port_code, PortCall.eta >= start, PortCall.eta < end)
            .order_by(PortCall.eta)
        )
        return list(result.scalars())
