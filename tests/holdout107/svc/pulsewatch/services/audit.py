from __future__ import annotations

from typing import Any, Optional
from uuid import UUID

import structlog

from pulsewatch.repositories.organisations import AuditRepository

log = structlog.get_logger(__name__)


class AuditService:
    def __init__(self, repo: AuditRepository) -> None:
        self._repo = repo

    async def record(
        self,
        org_id: UUID,
        action: str,
        *,
        actor_id: Optional[UUID] = None,
        target: Optional[str] = None,
        payload: Optional[dict[str, Any]] = None,
    ) -> None:
        await self._repo.insert(org_id, actor_id, action, target, payload or {})
        log.info("audit", org_id=str(org_id), action=action, target=target)

    async def recent(self, org_id: UUID, limit: int = 50) -> list[dict[str, Any]]:
        rows = await self._repo.list_for_org(org_id, limit)
        return [dict(row) for row in rows]
