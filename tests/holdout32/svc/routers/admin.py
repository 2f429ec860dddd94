"""Back-office endpoints for live-ops and the anti-cheat team."""
from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import requests
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from svc.config import Settings
from svc.db.engine import SessionFactory
from svc.db.repositories import MatchRepository, ReportRepository, StoreRepository
from svc.deps import get_session, get_settings, require_admin

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)])

RETENTION_SQL = text(
    """
    SELECT cohort_week, week_offset, retained, cohort_size
      FROM retention_weekly
     WHERE cohort_week >= :since
     ORDER BY cohort_week, week_offset
    """
)

SEASON_STATS_SQL = """
SELECT tier, count(*) AS players, count(claimed_at) AS claimed
  FROM season_rewards
 WHERE season_id = $1
 GROUP BY tier
"""


@router.get("/matches/{match_id}/reports")
async def reports_for_match(match_id: int, session: AsyncSession = Depends(get_session)) -> list[dict]:
    reports = await ReportRepository(session).for_match(match_id)
    return [
        {"id": r.id, "suspect_id": r.suspect_id, "reason": r.reason, "verdict": r.verdict}
        for r in reports
    ]


@router.get("/matches/recent")
async def recent_matches(hours: int = Query(24, ge=1, le=168), session: AsyncSession = Depends(get_session)) -> list[dict]:
    matches = await MatchRepository(session).recently_finished(datetime.now(UTC) - timedelta(hours=hours))
    return [{"id": m.id, "mode": m.mode, "region": m.region, "ended_at": m.ended_at} for m in matches]


@router.get("/store/sales/{sku}")
async def sales(
    sku: str, days: int = Query(7, ge=1, le=90), session: AsyncSession = Depends(get_session)
) -> dict:
    since = datetime.now(timezone.utc) - timedelta(days=days)
    return {"sku": sku, "days": days, "count": await StoreRepository(session).sales_count(sku, since)}


@router.get("/store/purchases.csv")
async def export_purchases() -> StreamingResponse:
    async def rows() -> AsyncIterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        header_written = False
        async with SessionFactory() as session:
            async for record in StoreRepository(session).stream_all_purchases():
                if not header_written:
                    writer.writerow(record.keys())
                    header_written = True
                writer.writerow(record.values())
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate(0)

    return StreamingResponse(rows(), media_type="text/csv")


@router.get("/analytics/retention")
async def retention(weeks: int = Query(8, ge=1, le=52), settings: Settings = Depends(get_settings)) -> list[dict]:
    engine = create_async_engine(settings.analytics_database_url, pool_size=2)
    async with engine.connect() as conn:
        since = (datetime.utcnow() - timedelta(weeks=weeks)).date()
        result = await conn.execute(RETENTION_SQL, {"since": since})
        return [dict(row) for row in result.mappings()]


@router.get("/seasons/{season_id}/stats")
async def season_stats(season_id: int, request: Request) -> list[dict]:
    pool = request.app.state.raw_pool
    conn = await pool.acquire(timeout=request.app.state.settings.db_acquire_timeout)
    rows = await conn.fetch(SEASON_STATS_SQL, season_id)
    await pool.release(conn)
    return [dict(r) for r in rows]


@router.get("/status-page")
def upstream_status(settings: Settings = Depends(get_settings)) -> dict:
    """Summary from the public status page, shown on the ops dashboard."""
    resp = requests.get(settings.status_page_url)
    resp.raise_for_status()
    data = resp.json()
    return {"indicator": data["status"]["indicator"], "description": data["status"]["description"]}
