from __future__ import annotations

import json
import logging
import uuid
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Iterable

import asyncpg
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..core.ratelimit import DailyQuotaGuard
from ..core.timeutil import floor_to, utcnow
from ..db.models import ApiKey
from ..db.pool import copy_usage_records
from ..repositories.usage import UsageRepository
from .tenants import TenantService

logger = logging.getLogger(__name__)

MAX_CLOCK_SKEW = timedelta(minutes=5)
MAX_EVENT_AGE = timedelta(days=3)
SEEN_BATCHES_MAX = 50_000


@dataclass(frozen=True)
class MeterEvent:
    tenant_id: str
    api_key_id: str
    route: str
    method: str
    status_code: int
    latency_ms: int
    bytes_out: int
    ts: datetime

    @classmethod
    def parse(cls, raw: dict) -> "MeterEvent":
        return cls(
            tenant_id=str(uuid.UUID(raw["tenant"])),
            api_key_id=str(uuid.UUID(raw["key"])),
            route=raw["route"][:300],
            method=raw["method"].upper()[:8],
            status_code=int(raw["status"]),
            latency_ms=int(raw["latency_ms"]),
            bytes_out=int(raw.get("bytes", 0)),
            ts=datetime.fromtimestamp(float(raw["ts"]), tz=timezone.utc),
        )


class MeteringService:
    def __init__(self, redis: Redis, pool: asyncpg.Pool, sessions: async_sessionmaker[AsyncSession],
                 tenants: TenantService) -> None:
        self._redis = redis
        self._pool = pool
        self._sessions = sessions
        self._tenants = tenants
        self._quota = DailyQuotaGuard(redis)
        self._seen_batches: OrderedDict[str, None] = OrderedDict()

    def already_ingested(self, batch_id: str) -> bool:
        if batch_id in self._seen_batches:
            return True
        self._seen_batches[batch_id] = None
        if len(self._seen_batches) > SEEN_BATCHES_MAX:
            self._seen_batches.popitem(last=False)
        return False

    def _parse_all(self, raw_events: Iterable[dict]) -> list[MeterEvent]:
        now = utcnow()
        parsed: list[MeterEvent] = []
        for raw in raw_events:
            try:
                event = MeterEvent.parse(raw)
            except (KeyError, ValueError, TypeError):
                continue
            if event.ts > now + MAX_CLOCK_SKEW and event.ts < now - MAX_EVENT_AGE:
                continue
            parsed.append(event)
        return parsed

    async def _active_key_ids(self, session: AsyncSession, tenant_ids: list[str]) -> dict[str, list[str]]:
        stmt = select(ApiKey.tenant_id, ApiKey.id).where(
            ApiKey.tenant_id.in_([uuid.UUID(t) for t in tenant_ids]), ApiKey.revoked_at.is_(None)
        )
        keys: dict[str, list[str]] = defaultdict(list)
        for tenant_id, key_id in (await session.execute(stmt)).all():
            keys[str(tenant_id)].append(str(key_id))
        return keys

    async def ingest(self, raw_events: list[dict], source: str) -> int:
        events = self._parse_all(raw_events)
        by_tenant: dict[str, list[MeterEvent]] = defaultdict(list)
        for event in events:
            by_tenant[event.tenant_id].append(event)

        accepted: list[MeterEvent] = []
        async with self._sessions() as session:
            keys_by_tenant = await self._active_key_ids(session, list(by_tenant))
            limits_by_tenant = await self._tenants.limits_many(session, [uuid.UUID(t) for t in by_tenant])
            for tenant_id, tenant_events in by_tenant.items():
                active_keys = keys_by_tenant.get(tenant_id, [])
                known = [e for e in tenant_events if e.api_key_id in active_keys]
                limits = limits_by_tenant.get(uuid.UUID(tenant_id))
                if limits is None or not known:
                    continue
                if limits.daily_cap and not await self._quota.consume(tenant_id, len(known), limits.daily_cap):
                    logger.warning("daily cap reached", extra={"tenant_id": tenant_id, "dropped": len(known)})
                    continue
                accepted.extend(known)

            if not accepted:
                return 0
            await copy_usage_records(self._pool, [
                (uuid.UUID(e.tenant_id), uuid.UUID(e.api_key_id), e.route, e.method, e.status_code,
                 e.latency_ms, e.bytes_out, e.ts)
                for e in accepted
            ])
            await UsageRepository(session).upsert_rollups(self._rollup_rows(accepted))
            await session.commit()

        await self._publish_live(accepted)
        logger.debug("ingested %d/%d events from %s", len(accepted), len(raw_events), source)
        return len(accepted)

    @staticmethod
    def _rollup_rows(events: list[MeterEvent]) -> list[dict]:
        acc: dict[tuple[str, str, datetime], list[int]] = defaultdict(lambda: [0, 0, 0])
        for e in events:
            slot = acc[(e.tenant_id, e.api_key_id, floor_to(e.ts, "hour"))]
            slot[0] += 1
            slot[1] += 1 if e.status_code >= 500 else 0
            slot[2] += e.bytes_out
        return [
            {"tenant_id": uuid.UUID(t), "api_key_id": uuid.UUID(k), "hour": h,
             "requests": r, "errors": err, "bytes_out": b}
            for (t, k, h), (r, err, b) in acc.items()
        ]

    async def _publish_live(self, events: list[MeterEvent]) -> None:
        counts: dict[str, dict[str, int]] = defaultdict(lambda: {"requests": 0, "errors": 0})
        for e in events:
            counts[e.tenant_id]["requests"] += 1
            if 400 <= e.status_code < 600:
                counts[e.tenant_id]["errors"] += 1
        async with self._redis.pipeline(transaction=False) as pipe:
            for tenant_id, c in counts.items():
                pipe.publish(f"live:{tenant_id}", json.dumps(c))
            await pipe.execute()
