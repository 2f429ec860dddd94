"""Enrolment and revenue reports, read from the reporting replica."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from svc.config import Settings


async def monthly_enrolments(settings: Settings, since: date) -> list[dict]:
    engine = create_async_engine(settings.reporting_database_url, pool_size=2, pool_timeout=10)
    async with engine.connect() as conn:
        result = await conn.execute(
            text(
                "SELECT date_trunc('month', enrolled_at) AS month, course_id, count(*) AS enrolments "
                "FROM enrolments WHERE enrolled_at >= :since "
                "GROUP BY 1, 2 ORDER BY 1, 2"
            ),
            {"since": since},
        )
        rows = [dict(r._mapping) for r in result]
    await engine.dispose()
    return rows
