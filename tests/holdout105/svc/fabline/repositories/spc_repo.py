"""SPC charts, points and alarms."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from fabline.models.spc import SpcAlarm, SpcChart, SpcPoint


class SpcRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def chart(self, chart_id: int) -> SpcChart | None:
        return await self.session.get(SpcChart, chart_id)

    async def charts_for_tool(self, tool_id: int) -> list[SpcChart]:
        stmt = select(SpcChart).where(SpcChart.tool_id == tool_id)
        return list((await self.session.scalars(stmt)).all())

    async def charts_for_parameter(self, tool_id: int, parameter: str) -> list[SpcChart]:
        stmt = select(SpcChart).where(SpcChart.tool_id == tool_id, SpcChart.parameter == parameter)
        return list((await self.session.scalars(stmt)).all())

    async def recent_values(self, chart_id: int, limit: int) -> list[float]:
        stmt = (
            select(SpcPoint.value)
            .where(SpcPoint.chart_id == chart_id)
            .order_by(SpcPoint.measured_at.desc())
            .limit(limit)
        )
        values = list((await self.session.scalars(stmt)).all())
        values.reverse()
        return values

    async def add_point(self, chart_id: int, lot_id: int, value: float, at: datetime) -> None:
        await self.session.execute(
            insert(SpcPoint).values(chart_id=chart_id, lot_id=lot_id, value=value, measured_at=at)
        )

    async def open_alarm(self, chart_id: int, rule: str) -> SpcAlarm | None:
        stmt = select(SpcAlarm).where(
            SpcAlarm.chart_id == chart_id, SpcAlarm.rule == rule, SpcAlarm.status == "OPEN"
        )
        return (await self.session.execute(stmt)).scalars().first()

    async def create_alarm(self, chart_id: int, rule: str, lot_id: int | None) -> SpcAlarm:
        alarm = SpcAlarm(chart_id=chart_id, rule=rule, lot_id=lot_id)
        self.session.add(alarm)
        await self.session.flush()
        return alarm

    async def upsert_alarm_ack(self, alarm_id: int, user: str) -> None:
        stmt = pg_insert(SpcAlarm).values(id=alarm_id, status="ACK", rule="", chart_id=0)
        stmt = stmt.on_conflict_do_update(index_elements=[SpcAlarm.id], set_={"status": "ACK"})
        await self.session.execute(stmt)

    async def close_alarm(self, alarm_id: int) -> None:
        await self.session.execute(
            update(SpcAlarm).where(SpcAlarm.id == alarm_id).values(status="CLOSED")
        )
