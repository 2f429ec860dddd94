"""Operator/admin endpoints: static feed reloads, exports, maintenance."""
from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Response
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from transit.auth import require_operator
from transit.container import Container, container
from transit.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_operator)])


@router.post("/static/reload")
async def reload_static(c: Container = Depends(container)) -> dict[str, Any]:
    counts = await c.static_data.reload()
    return {"loaded": counts}


@router.get("/routes")
async def routes(c: Container = Depends(container)) -> dict[str, Any]:
    return await c.static_data.routes()


@router.get("/exports/ridership.csv")
async def ridership_csv(start: date, end: date, c: Container = Depends(container)) -> Response:
    content = await c.ridership.export(start, end)
    return Response(content, media_type="text/csv")


@router.get("/reports/top-ups")
async def top_up_report(days: int = 7, c: Container = Depends(container)) -> list[dict[str, Any]]:
    engine = create_async_engine(c.settings.orm_database_url)
    async with engine.connect() as conn:
        result = await conn.execute(
            text(
                "SELECT date_trunc('day', created_at) AS day, status, count(*) AS n, sum(amount_cents) AS cents "
                "FROM top_ups WHERE created_at >= :since GROUP BY 1, 2 ORDER BY 1, 2"
            ),
            {"since": utcnow() - timedelta(days=days)},
        )
        rows = [dict(r._mapping) for r in result]
    return rows


@router.post("/maintenance/purge-positions")
async def purge_positions(keep_days: int = 14, c: Container = Depends(container)) -> dict[str, int]:
    deleted = await c.positions.purge_older_than(utcnow() - timedelta(days=keep_days))
    logger.info("purged %d vehicle positions older than %d days", deleted, keep_days)
    return {"deleted": deleted}


@router.post("/ridership/{day}/rebuild")
async def rebuild_ridership(day: date, c: Container = Depends(container)) -> dict[str, int]:
    return {"pairs": await c.ridership.aggregate_window(day)}
