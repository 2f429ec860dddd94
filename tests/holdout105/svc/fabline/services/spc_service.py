"""SPC evaluation: store points, evaluate rules, raise alarms."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from fabline.core.errors import NotFound
from fabline.models.spc import SpcChart
from fabline.repositories.spc_repo import SpcRepository
from fabline.services.alarm_service import AlarmService
from fabline.services.spc_charts import bootstrap_cpk, ewma_series, western_electric

logger = logging.getLogger(__name__)

# ewma series per (chart, newest point), reused by the dashboard
_series_cache: dict[tuple[int, datetime], list[float]] = {}


class SpcService:
    def __init__(self, session: AsyncSession, alarms: AlarmService, window: int = 25, strict: bool = False) -> None:
        self.session = session
        self.repo = SpcRepository(session)
        self.alarms = alarms
        self.window = window
        self.strict = strict

    async def _chart(self, chart_id: int) -> SpcChart:
        chart = await self.repo.chart(chart_id)
        if chart is None:
            raise NotFound(f"chart {chart_id}")
        return chart

    async def record(self, chart_id: int, lot_id: int, value: float, at: datetime) -> list[str]:
        chart = await self._chart(chart_id)
        await self.repo.add_point(chart.id, lot_id, value, at)
        values = await self.repo.recent_values(chart.id, self.window)
        series = ewma_series(values, chart.center, chart.lambda_)
        _series_cache[(chart.id, at)] = series
        violated = western_electric(values, chart.center, chart.sigma)
        for rule in violated:
            if await self.repo.open_alarm(chart.id, rule) is None:
                alarm = await self.repo.create_alarm(chart.id, rule, lot_id)
                await self.session.commit()
                await self.alarms.raise_alarm(alarm, chart)
        if violated and self.strict:
            raise SpcViolation(chart.id, violated)
        await self.session.commit()
        return violated

    async def capability_inline(self, chart_id: int, lsl: float, usl: float) -> dict:
        """Used by the alarm worker right after a violation to attach a Cpk band."""
        chart = await self._chart(chart_id)
        values = await self.repo.recent_values(chart.id, 200)
        low, high = bootstrap_cpk(values, lsl, usl)
        return {"chart_id": chart.id, "cpk_low": low, "cpk_high": high, "n": len(values)}

    async def capability_report(self, chart_id: int, lsl: float, usl: float) -> dict:
        chart = await self._chart(chart_id)
        values = await self.repo.recent_values(chart.id, 200)
        low, high = await asyncio.to_thread(bootstrap_cpk, values, lsl, usl)
        return {"chart_id": chart.id, "cpk_low": low, "cpk_high": high, "n": len(values)}

    async def charts_for_tool(self, tool_id: int) -> list[dict]:
        charts = await self.repo.charts_for_tool(tool_id)
        return [
            {"id": c.id, "parameter": c.parameter, "type": c.chart_type, "center": c.center}
            for c in charts
        ]
