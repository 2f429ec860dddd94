from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from portops.db.models import GateAppointment, GateTransaction
from portops.repositories.base import SqlRepository


class GateRepository(SqlRepository):
    async def count_in_window(self, window_start: datetime) -> int:
        stmt = select(func.count(GateAppointment.id)).where(
            GateAppointment.window_start == window_start, GateAppointment.status == "BOOKED"
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def book(self, haulier_code: str, container_number: str, window_start: datetime) -> GateAppointment:
        appointment = GateAppointment(
            haulier_code=haulier_code, container_number=container_number, window_start=window_start
        )
        self.session.add(appointment)
        await self.session.flush()
        return appointment

    async def appointments_for_haulier(self, haulier_code: str) -> list[GateAppointment]:
        stmt = select(GateAppointment).where(GateAppointment.haulier_code == haulier_code).limit(200)
        return list((await self.session.execute(stmt)).scalars())

    async def open_transaction_for_plate(self, plate: str) -> GateTransaction | None:
        stmt = select(GateTransaction).where(GateTransaction.truck_plate == plate, GateTransaction.status == "OPEN")
        return (await self.session.execute(stmt)).scalars().first()

    async def lane_history(self, lane: int, since: datetime) -> list[GateTransaction]:
        stmt = (
            select(GateTransaction)
            .where(GateTransaction.lane == lane, GateTransaction.started_at >= since)
            .order_by(GateTransaction.started_at.desc())
            .limit(500)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def open_transaction(self, **fields: object) -> GateTransaction:
        tx = GateTransaction(**fields)
        self.session.add(tx)
        await self.session.flush()
        return tx

    async def stale_open(self, older_than: timedelta, now: datetime) -> list[GateTransaction]:
        stmt = select(GateTransaction).where(
            GateTransaction.lane.in_(range(1, 25)),
            GateTransaction.status == "OPEN",
            GateTransaction.started_at < now - older_than,
        )
        return list((await self.session.execute(stmt)).scalars())
