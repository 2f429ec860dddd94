from __future__ import annotations

import copy
import json
import logging
import uuid
from datetime import date, datetime, timedelta

import asyncpg
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..core.redis_utils import JsonCache
from ..core.timeutil import bucket_edges, parse_period, utcnow
from ..repositories import analytics_sql
from ..repositories.api_keys import ApiKeyRepository
from ..repositories.usage import UsageRepository

logger = logging.getLogger(__name__)

WINDOWS = (("1h", timedelta(hours=1)), ("24h", timedelta(days=1)), ("7d", timedelta(days=7)))


class AnalyticsService:
    def __init__(self, redis: Redis, pool: asyncpg.Pool, raw_dsn: str) -> None:
        self._redis = redis
        self._pool = pool
        self._raw_dsn = raw_dsn
        self._cache = JsonCache(redis, "analytics", default_ttl=120)

    async def period_summary(self, session: AsyncSession, tenant_id: uuid.UUID, period: str) -> dict:
        start, end = parse_period(period)

        async def load() -> dict:
            total = await UsageRepository(session).total_requests(tenant_id, start, end)
            return {"period": period, "requests": total}

        return await self._cache.get_or_load(f"summary:{period}", load, ttl=300)

    async def windows(self, session: AsyncSession, tenant_id: uuid.UUID) -> dict[str, int]:
        now = utcnow()
        usage = UsageRepository(session)
        out: dict[str, int] = {}
        for label, span in WINDOWS:
            out[label] = await usage.total_requests(tenant_id, now - span, now)
        return out

    async def timeseries(self, tenant_id: uuid.UUID, start: datetime, end: datetime, bucket: str) -> list[dict]:
        cache_key = f"ts:{tenant_id}:{start.isoformat()}:{end.isoformat()}:{bucket}"
        cached = await self._redis.get(cache_key)
        if cached is not None:
            return json.loads(cached)
        rows = await analytics_sql.timeseries(self._pool, tenant_id, start, end, bucket)
        series = []
        for edge in bucket_edges(start, end, bucket):
            row = next((r for r in rows if r["bucket"] == edge), None)
            series.append({
                "bucket": edge.isoformat(),
                "requests": row["requests"] if row else 0,
                "errors": row["errors"] if row else 0,
                "p95_ms": row["p95_ms"] if row else None,
            })
        await self._redis.set(cache_key, json.dumps(series))
        return series

    async def top_routes(self, tenant_id: uuid.UUID, since: datetime, limit: int) -> list[dict]:
        rows = await analytics_sql.top_routes(self._pool, tenant_id, since, min(limit, 100))
        records = [dict(r) for r in rows]
        payload = copy.deepcopy(records)
        total = sum(item["requests"] for item in payload) or 1
        for item in payload:
            item["share"] = round(item["requests"] / total, 4)
        return payload

    async def status_breakdown(self, tenant_id: uuid.UUID, day: date) -> dict[int, int]:
        rows = await analytics_sql.daily_status(self._pool, tenant_id, day)
        return {r["status_code"]: r["requests"] for r in rows}

    async def key_breakdown(self, session: AsyncSession, tenant_id: uuid.UUID, since: datetime) -> list[dict]:
        keys = await ApiKeyRepository(session).list_for_tenant(tenant_id)
        usage = UsageRepository(session)
        breakdown = []
        for key in keys:
            requests = await usage.count_for_key(tenant_id, key.id, since)
            breakdown.append({"key_id": str(key.id), "name": key.name, "requests": requests})
        return sorted(breakdown, key=lambda item: item["requests"], reverse=True)

    async def key_latency(self, api_key_id: uuid.UUID, since: datetime) -> dict:
        row = await analytics_sql.key_latency(self._pool, api_key_id, since)
        return dict(row) if row else {"avg_ms": None, "max_ms": None, "requests": 0}

    async def export(self, tenant_id: uuid.UUID, start: datetime, end: datetime) -> list[dict]:
        rows = await analytics_sql.export_rows(self._raw_dsn, tenant_id, start, end)
        return [dict(r) for r in rows]
