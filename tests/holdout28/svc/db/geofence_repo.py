"""ORM access to geofences and alert rules."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import AlertRule, Geofence


class GeofenceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def find_by_name(self, fleet_id: int, name: str) -> Geofence | None:
        return await self._session.scalar(
            select(Geofence).where(Geofence.fleet_id == fleet_id, Geofence.name == name)
        )

    async def add(self, fleet_id: int, name: str, polygon: list[list[float]]) -> Geofence:
        fence = Geofence(fleet_id=fleet_id, name=name, polygon=polygon)
        self._session.add(fence)
        await self._session.flush()
        return fence

    async def list_for_fleet(self, fleet_id: int) -> Sequence[Geofence]:
        result = await self._session.scalars(
            select(Geofence).where(Geofence.fleet_id == fleet_id).order_by(Geofence.name)
        )
        return result.all()

    async def list_for_fleets(self, fleet_ids: list[int]) -> Sequence[Geofence]:
        result = await self._session.scalars(select(Geofence).where(Geofence.fleet_id.in_(fleet_ids)))
        return result.all()

    async def enabled_rules(self, fleet_id: int) -> Sequence[AlertRule]:
        result = await self._session.scalars(
            select(AlertRule).where(AlertRule.fleet_id == fleet_id, AlertRule.enabled.is_(True))
        )
        return result.all()

    async def rules_with_geofences(self, fleet_id: int) -> Sequence[AlertRule]:
        result = await self._session.scalars(
            select(AlertRule)
            .options(selectinload(AlertRule.geofence))
            .where(AlertRule.fleet_id == fleet_id, AlertRule.enabled.is_(True))
        )
        return result.all()
