from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from svc.db.models import ChargingSession, transaction_id_seq
from svc.db.repositories.base import BaseRepository


class SessionRepository(BaseRepository[ChargingSession]):
    model = ChargingSession

    async def get_by_transaction(self, transaction_id: int) -> ChargingSession | None:
        stmt = select(ChargingSession).where(ChargingSession.transaction_id == transaction_id)
        return (await self._db.execute(stmt)).scalar_one_or_none()

    async def find_active_by_connector(self, connector_id: int) -> ChargingSession | None:
        stmt = select(ChargingSession).where(
            ChargingSession.connector_id == connector_id,
            ChargingSession.status == "active",
        )
        return (await self._db.execute(stmt)).scalars().first()

    async def next_transaction_id(self) -> int:
        return int(await self._db.scalar(select(transaction_id_seq.next_value())))

    async def list_for_driver(
        self, driver_id: int, *, before_id: int | None = None, limit: int = 50
    ) -> list[ChargingSession]:
        stmt = select(ChargingSession).where(ChargingSession.driver_id == driver_id)
        if before_id is not None:
            stmt = stmt.where(ChargingSession.id < before_id)
        stmt = stmt.order_by(ChargingSession.id.desc()).limit(limit)
        return list((await self._db.scalars(stmt)).all())

    async def list_for_driver_with_tariffs(
        self, driver_id: int, *, before_id: int | None = None, limit: int = 50
    ) -> list[ChargingSession]:
        stmt = (
            select(ChargingSession)
            .options(selectinload(ChargingSession.tariff))
            .where(ChargingSession.driver_id == driver_id, ChargingSession.id < (before_id or 2**62))
            .order_by(ChargingSession.id.desc())
            .limit(limit)
        )
        return list((await self._db.scalars(stmt)).all())

    async def list_by_id_tag(self, id_tag: str, *, limit: int = 100) -> list[ChargingSession]:
        stmt = (
            select(ChargingSession)
            .where(ChargingSession.id_tag == id_tag)
            .order_by(ChargingSession.started_at.desc())
            .limit(limit)
        )
        return list((await self._db.scalars(stmt)).all())

    async def list_for_day(self, day: date) -> list[ChargingSession]:
        stmt = select(ChargingSession).where(func.date(ChargingSession.started_at) == day)
        return list((await self._db.scalars(stmt)).all())

    async def list_between(self, start: datetime, end: datetime, *, limit: int = 5000) -> list[ChargingSession]:
        stmt = (
            select(ChargingSession)
            .where(ChargingSession.started_at >= start, ChargingSession.started_at < end)
            .order_by(ChargingSession.started_at)
            .limit(limit)
        )
        return list((await self._db.scalars(stmt)).all())

    async def mark_stopped(
        self,
        session_id: int,
        *,
        meter_stop_wh: int,
        stopped_at: datetime,
        reason: str,
        idle_minutes: int,
    ) -> None:
        await self._db.execute(
            update(ChargingSession)
            .where(ChargingSession.id == session_id)
            .values(
                meter_stop_wh=meter_stop_wh,
                stopped_at=stopped_at,
                stop_reason=reason,
                idle_minutes=idle_minutes,
                status="stopped",
            )
        )
