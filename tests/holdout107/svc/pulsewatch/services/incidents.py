from __future__ import annotations

from datetime import timedelta
from typing import Any, Optional
from uuid import UUID

import asyncpg
import structlog
from redis.asyncio import Redis

from pulsewatch.errors import IncidentNotFound
from pulsewatch.repositories.incidents import IncidentRepository
from pulsewatch.services.audit import AuditService
from pulsewatch.services.live import LivePublisher
from pulsewatch.timeutil import utcnow

log = structlog.get_logger(__name__)

ALERT_QUEUE = "pw:queue:alerts"
PAGE_NOTIFY_QUEUE = "pw:queue:page-notify"


def incident_to_dict(row: asyncpg.Record, updates: Optional[list[asyncpg.Record]] = None) -> dict[str, Any]:
    data = {
        "id": str(row["id"]),
        "monitor_id": str(row["monitor_id"]) if row["monitor_id"] else None,
        "title": row["title"],
        "status": row["status"],
        "severity": row["severity"],
        "started_at": row["started_at"].isoformat(),
        "acknowledged_at": row["acknowledged_at"].isoformat() if row["acknowledged_at"] else None,
        "resolved_at": row["resolved_at"].isoformat() if row["resolved_at"] else None,
    }
    if updates is not None:
        data["updates"] = [
            {"status": u["status"], "body": u["body"], "created_at": u["created_at"].isoformat()} for u in updates
        ]
    return data


class IncidentService:
    def __init__(
        self,
        repo: IncidentRepository,
        redis: Redis,
        audit: AuditService,
        live: LivePublisher,
    ) -> None:
        self._repo = repo
        self._redis = redis
        self._audit = audit
        self._live = live

    async def open_for_monitor(self, monitor: asyncpg.Record, reason: str, regions: set[str]) -> Optional[asyncpg.Record]:
        existing = await self._repo.get_open_for_monitor(monitor["id"])
        if existing is not None:
            return None
        now = utcnow()
        incident = await self._repo.create(
            monitor["org_id"],
            monitor["id"],
            f"{monitor['name']} is down",
            "major",
            now,
            now if monitor["escalation_policy_id"] else None,
        )
        await self._repo.add_update(
            incident["id"], "investigating", f"Detected from {', '.join(sorted(regions))}: {reason}", None
        )
        await self._live.publish_incident(monitor["org_id"], incident_to_dict(incident))
        log.info("incident.opened", incident_id=str(incident["id"]), monitor_id=str(monitor["id"]))
        return incident

    async def resolve_for_monitor(self, monitor: asyncpg.Record) -> Optional[asyncpg.Record]:
        existing = await self._repo.get_open_for_monitor(monitor["id"])
        if existing is None:
            return None
        return await self.resolve(existing["id"], monitor["org_id"], actor_id=None, note="Monitor recovered")

    async def resolve(self, incident_id: UUID, org_id: UUID, *, actor_id: Optional[UUID], note: str) -> asyncpg.Record:
        incident = await self._repo.resolve(incident_id, utcnow())
        if incident is None or incident["org_id"] != org_id:
            raise IncidentNotFound("incident not found or already resolved")
        await self._repo.add_update(incident_id, "resolved", note, actor_id)
        self._audit.record(org_id, "incident.resolved", actor_id=actor_id, target=str(incident_id))
        await self._redis.rpush(PAGE_NOTIFY_QUEUE, f"{incident_id}:resolved")
        await self._live.publish_incident(org_id, incident_to_dict(incident))
        return incident

    async def acknowledge(self, incident_id: UUID, org_id: UUID, user_id: UUID) -> asyncpg.Record:
        incident = await self._repo.acknowledge(incident_id, user_id, utcnow())
        if incident is None or incident["org_id"] != org_id:
            raise IncidentNotFound("incident not found or not open")
        await self._repo.add_update(incident_id, "identified", "Acknowledged by on-call", user_id)
        await self._audit.record(org_id, "incident.acknowledged", actor_id=user_id, target=str(incident_id))
        await self._live.publish_incident(org_id, incident_to_dict(incident))
        return incident

    async def post_update(self, incident_id: UUID, org_id: UUID, status: str, body: str, author_id: UUID) -> dict[str, Any]:
        incident = await self._repo.get(incident_id)
        if incident is None or incident["org_id"] != org_id:
            raise IncidentNotFound("incident not found")
        update = await self._repo.add_update(incident_id, status, body, author_id)
        await self._redis.rpush(PAGE_NOTIFY_QUEUE, f"{incident_id}:update:{update['id']}")
        await self._audit.record(org_id, "incident.update", actor_id=author_id, target=str(incident_id))
        return {"id": update["id"], "status": status, "body": body, "created_at": update["created_at"].isoformat()}

    async def list_with_updates(self, org_id: UUID, limit: int = 25) -> list[dict[str, Any]]:
        incidents = await self._repo.list_for_org(org_id, limit=limit)
        updates = await self._repo.updates_for_many(i["id"] for i in incidents)
        return [incident_to_dict(i, updates.get(i["id"], [])) for i in incidents]

    async def recent_for_page(self, monitor_ids: list[UUID], days: int = 14) -> list[dict[str, Any]]:
        cutoff = utcnow() - timedelta(days=days)
        rows = await self._repo.open_for_monitors(monitor_ids)
        return [incident_to_dict(r) for r in rows if r["started_at"] >= cutoff]
