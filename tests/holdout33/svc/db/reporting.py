"""Ad-hoc reporting queries that run against the read replica."""
from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from ..config import get_settings

PICKER_PRODUCTIVITY_SQL = """
SELECT pl.picker_id,
       count(*)           AS tasks,
       sum(pt.qty_picked) AS units
FROM pick_tasks pt
JOIN pick_lists pl ON pl.id = pt.pick_list_id
WHERE pl.wave_id = ANY(:wave_ids)
GROUP BY pl.picker_id
ORDER BY units DESC
"""

SHORT_PICKS_SQL = """
SELECT pt.sku_id, count(*) AS short_picks
FROM pick_tasks pt
WHERE pt.pick_list_id = ANY(:pick_list_ids) AND pt.qty_picked < pt.qty
GROUP BY pt.sku_id
"""


async def run_report_query(sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    settings = get_settings()
    report_engine = create_async_engine(settings.reporting_database_url, pool_size=2, pool_timeout=10)
    try:
        async with report_engine.connect() as conn:
            result = await conn.execute(text(sql), params)
            return [dict(row._mapping) for row in result]
    finally:
        await report_engine.dispose()


async def picker_productivity(wave_ids: list[int]) -> list[dict[str, Any]]:
    return await run_report_query(PICKER_PRODUCTIVITY_SQL, {"wave_ids": wave_ids})


async def short_picks(pick_list_ids: list[int]) -> list[dict[str, Any]]:
    return await run_report_query(SHORT_PICKS_SQL, {"pick_list_ids": pick_list_ids})
