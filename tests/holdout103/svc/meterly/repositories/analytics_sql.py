"""Read-side queries over the raw usage_events table (asyncpg, bypassing the ORM)."""
from __future__ import annotations

import uuid
from datetime import date, datetime

import asyncpg

from ..db.pool import fetch, fetchrow

TIMESERIES_SQL = """
SELECT date_trunc($4, ts) AS bucket,
       count(*)                                   AS requests,
       count(*) FILTER (WHERE status_code >= 500) AS errors,
       percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95_ms
  FROM usage_events
 WHERE tenant_id = $1 AND ts >= $2 AND ts < $3
 GROUP BY 1
 ORDER BY 1
"""

TOP_ROUTES_SQL = """
SELECT route, method, count(*) AS requests
  FROM usage_events
 WHERE tenant_id = $1 AND ts >= $2
 GROUP BY route, method
 ORDER BY requests DESC
 LIMIT $3
"""

DAILY_STATUS_SQL = """
SELECT status_code, count(*) AS requests
  FROM usage_events
 WHERE tenant_id = $1 AND to_char(ts, 'YYYY-MM-DD') = $2
 GROUP BY status_code
"""

KEY_LATENCY_SQL = """
SELECT avg(latency_ms) AS avg_ms, max(latency_ms) AS max_ms, count(*) AS requests
  FROM usage_events
 WHERE api_key_id = $1 AND ts >= $2
"""

EXPORT_SQL = """
SELECT api_key_id, route, method, status_code, latency_ms, bytes_out, ts
  FROM usage_events
 WHERE tenant_id = $1 AND ts >= $2 AND ts < $3
 ORDER BY ts
 LIMIT $4
"""


async def timeseries(pool: asyncpg.Pool, tenant_id: uuid.UUID, start: datetime, end: datetime,
                     bucket: str) -> list[asyncpg.Record]:
    return await fetch(pool, TIMESERIES_SQL, tenant_id, start, end, bucket)


async def top_routes(pool: asyncpg.Pool, tenant_id: uuid.UUID, since: datetime, limit: int = 20) -> list[asyncpg.Record]:
    return await fetch(pool, TOP_ROUTES_SQL, tenant_id, since, limit)


async def daily_status(pool: asyncpg.Pool, tenant_id: uuid.UUID, day: date) -> list[asyncpg.Record]:
    return await fetch(pool, DAILY_STATUS_SQL, tenant_id, day.isoformat())


async def key_latency(pool: asyncpg.Pool, api_key_id: uuid.UUID, since: datetime) -> asyncpg.Record | None:
    return await fetchrow(pool, KEY_LATENCY_SQL, api_key_id, since)


async def export_rows(dsn: str, tenant_id: uuid.UUID, start: datetime, end: datetime,
                      max_rows: int = 100_000) -> list[asyncpg.Record]:
    # exports run for minutes; keep them off the shared pool
    conn = await asyncpg.connect(dsn, timeout=10)
    rows = await conn.fetch(EXPORT_SQL, tenant_id, start, end, max_rows, timeout=300)
    await conn.close()
    return rows
