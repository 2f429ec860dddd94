from __future__ import annotations

import asyncio
import copy
from collections import Counter
from datetime import date

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from fieldops.settings import Settings
from fieldops.utils.formatting import rows_to_csv

TECH_UTILISATION = text(
    """
    SELECT w.technician_id, t.name, count(*) AS jobs, sum(w.duration_minutes) AS minutes
    FROM work_orders w JOIN technicians t ON t.id = w.technician_id
    WHERE w.account_id = :account_id AND w.scheduled_for >= :start AND w.scheduled_for < :end
      AND w.status = 'completed'
    GROUP BY w.technician_id, t.name
    ORDER BY minutes DESC
    """
)

REVENUE_BY_MONTH = text(
    """
    SELECT date_trunc('month', issued_on) AS month, sum(total) AS invoiced, sum(amount_paid) AS collected
    FROM invoices
    WHERE account_id = :account_id AND issued_on >= :start
    GROUP BY 1 ORDER BY 1
    """
)


class ReportService:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    async def _fetch(self, query, params: dict) -> list[dict]:
        engine = create_async_engine(self._settings.reporting_dsn)
        async with engine.connect() as conn:
            result = await conn.execute(query, params)
            return [dict(row._mapping) for row in result]

    async def utilisation(self, account_id: int, start: date, end: date) -> list[dict]:
        rows = await self._fetch(TECH_UTILISATION, {"account_id": account_id, "start": start, "end": end})
        snapshot = copy.deepcopy(rows)
        return [
            {**row, "hours": round((row["minutes"] or 0) / 60, 1)}
            for row in snapshot
        ]

    async def revenue(self, account_id: int, start: date) -> list[dict]:
        return await self._fetch(REVENUE_BY_MONTH, {"account_id": account_id, "start": start})

    async def utilisation_csv(self, account_id: int, start: date, end: date) -> str:
        rows = await self.utilisation(account_id, start, end)
        return await asyncio.to_thread(
            rows_to_csv,
            ["technician_id", "name", "jobs", "hours"],
            [(r["technician_id"], r["name"], r["jobs"], r["hours"]) for r in rows],
        )

    @staticmethod
    def job_mix(priorities: list[str]) -> dict[str, int]:
        return dict(Counter(priorities))
