from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any, Optional
from uuid import UUID

import asyncpg
import httpx
import structlog
from redis.asyncio import Redis

from pulsewatch.clients.metrics import MetricsClient
from pulsewatch.errors import MonitorNotFound, PlanLimitExceeded, PulsewatchError
from pulsewatch.repositories.check_results import CheckResultRepository
from pulsewatch.repositories.monitors import MonitorRepository
from pulsewatch.services.audit import AuditService
from pulsewatch.services.auth import Principal
from pulsewatch.timeutil import utcnow

log = structlog.get_logger(__name__)

VALID_KINDS = {"http", "tcp", "dns", "tls"}
MIN_INTERVAL_S = 30
LIST_CACHE_TTL_S = 30


def monitor_to_dict(row: asyncpg.Record, state: Optional[asyncpg.Record] = None) -> dict[str, Any]:
    data = {
        "id": str(row["id"]),
        "name": row["name"],
        "kind": row["kind"],
        "target": row["target"],
        "interval_s": row["interval_s"],
        "timeout_s": row["timeout_s"],
        "regions": list(row["regions"]),
        "confirm_regions": row["confirm_regions"],
        "enabled": row["enabled"],
        "team_id": str(row["team_id"]) if row["team_id"] else None,
    }
    if state is not None:
        data["status"] = state["status"]
        data["last_checked_at"] = state["last_checked_at"].isoformat() if state["last_checked_at"] else None
        data["last_latency_ms"] = state["last_latency_ms"]
    return data


def validate_monitor(data: dict[str, Any]) -> None:
    if data.get("kind") not in VALID_KINDS:
        raise PulsewatchError(f"kind must be one of {sorted(VALID_KINDS)}")
    if data.get("interval_s", 60) < MIN_INTERVAL_S:
        raise PulsewatchError(f"interval must be at least {MIN_INTERVAL_S}s")
    if data.get("timeout_s", 10) >= data.get("interval_s", 60):
        raise PulsewatchError("timeout must be shorter than the interval")
    regions = data.get("regions") or []
    if regions and data.get("confirm_regions", 2) > len(regions):
        raise PulsewatchError("confirm_regions cannot exceed the number of regions")


class MonitorService:
    def __init__(
        self,
        repo: MonitorRepository,
        results: CheckResultRepository,
        metrics: MetricsClient,
        audit: AuditService,
        redis: Redis,
    ) -> None:
        self._repo = repo
        self._results = results
        self._metrics = metrics
        self._audit = audit
        self._redis = redis

    async def _invalidate(self, org_id: UUID) -> None:
        await self._redis.delete(f"pw:monitors:{org_id}")

    async def list_for_user(self, principal: Principal) -> list[dict[str, Any]]:
        cache_key = f"pw:monitors:{principal.org_id}"
        cached = await self._redis.get(cache_key)
        if cached:
            return json.loads(cached)
        rows = await self._repo.list_for_org(principal.org_id)
        if not principal.is_admin:
            rows = [r for r in rows if r["team_id"] is None or r["team_id"] in principal.team_ids]
        states = await self._repo.get_states(r["id"] for r in rows)
        data = [monitor_to_dict(r, states.get(r["id"])) for r in rows]
        await self._redis.set(cache_key, json.dumps(data), ex=LIST_CACHE_TTL_S)
        return data

    async def get(self, principal: Principal, monitor_id: UUID) -> dict[str, Any]:
        row = await self._repo.get_for_org(principal.org_id, monitor_id)
        if row is None:
            raise MonitorNotFound("monitor not found")
        return monitor_to_dict(row, await self._repo.get_state(monitor_id))

    async def create(self, principal: Principal, data: dict[str, Any]) -> dict[str, Any]:
        validate_monitor(data)
        row = await self._repo.insert_within_limit(principal.org_id, data)
        if row is None:
            raise PlanLimitExceeded("monitor limit reached for your plan")
        await self._invalidate(principal.org_id)
        await self._audit.record(principal.org_id, "monitor.created", actor_id=principal.user_id, target=str(row["id"]))
        return monitor_to_dict(row)

    async def update(self, principal: Principal, monitor_id: UUID, fields: dict[str, Any]) -> dict[str, Any]:
        existing = await self._repo.get_for_org(principal.org_id, monitor_id)
        if existing is None:
            raise MonitorNotFound("monitor not found")
        merged = {**dict(existing), **fields}
        validate_monitor(merged)
        row = await self._repo.update(monitor_id, fields)
        await self._invalidate(principal.org_id)
        await self._audit.record(principal.org_id, "monitor.updated", actor_id=principal.user_id, target=str(monitor_id), payload=fields)
        return monitor_to_dict(row)

    async def delete(self, principal: Principal, monitor_id: UUID) -> None:
        if not await self._repo.delete(principal.org_id, monitor_id):
            raise MonitorNotFound("monitor not found")
        await self._invalidate(principal.org_id)
        await self._audit.record(principal.org_id, "monitor.deleted", actor_id=principal.user_id, target=str(monitor_id))

    async def overview(self, principal: Principal, monitor_id: UUID) -> dict[str, Any]:
        monitor = await self.get(principal, monitor_id)
        end = utcnow()
        day = await self._results.uptime_for(monitor_id, end - timedelta(days=1), end)
        month = await self._results.uptime_for(monitor_id, end - timedelta(days=30), end)
        try:
            series = await self._metrics.response_time_series([str(monitor_id)], end - timedelta(hours=24), end, step="15m")
            latency = series.get(str(monitor_id), [])
        except httpx.HTTPError:
            log.warning("monitor.latency_unavailable", monitor_id=str(monitor_id), exc_info=True)
            latency = []
        return {**monitor, "uptime_24h": day.uptime_pct, "uptime_30d": month.uptime_pct, "latency": latency}

    async def history(self, principal: Principal, monitor_id: UUID, page: int, per_page: int) -> list[dict[str, Any]]:
        await self.get(principal, monitor_id)
        rows = await self._results.history_page(monitor_id, page, per_page)
        return [dict(r) | {"checked_at": r["checked_at"].isoformat()} for r in rows]

    async def history_before(
        self, principal: Principal, monitor_id: UUID, before: Optional[datetime], limit: int
    ) -> list[dict[str, Any]]:
        await self.get(principal, monitor_id)
        rows = await self._results.history_before(monitor_id, before or utcnow(), min(limit, 500))
        return [dict(r) | {"checked_at": r["checked_at"].isoformat()} for r in rows]
