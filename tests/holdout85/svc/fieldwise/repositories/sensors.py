from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.db.models import Sensor


class SensorRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_by_serial(self, serial: str) -> Sensor | None:
        stmt = select(Sensor).where(Sensor.serial == serial)
        return (await self._session.scalars(stmt)).first()

    async def get_many_by_serial(self, serials: list[str]) -> dict[str, Sensor]:
        if not serials:
            return {}
        stmt = select(Sensor).where(Sensor.serial.in_(serials))
        return {s.serial: s for s in (await self._session.scalars(stmt)).all()}

    async def list_for_field(self, field_id: int) -> list[Sensor]:
        stmt = select(Sensor).where(Sensor.field_id == field_id).order_by(Sensor.depth_cm)
        return list((await self._session.scalars(stmt)).all())

    async def register(self, field_id: int, serial: str, kind: str, depth_cm: int | None) -> Sensor:
        sensor = Sensor(field_id=field_id, serial=serial, kind=kind, depth_cm=depth_cm)
        self._session.add(sensor)
        await self._session.flush()
        return sensor
