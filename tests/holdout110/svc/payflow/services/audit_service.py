from __future__ import annotations

from typing import Any

from payflow.models import AuditEntry
from payflow.repositories.ops_repo import AuditRepository
from payflow.utils.common import utcnow


class AuditService:
    def __init__(self, repo: AuditRepository) -> None:
        self.repo = repo

    async def record(
        self,
        company_id: int,
        actor_id: int | None,
        action: str,
        entity: str,
        entity_id: Any,
        payload: dict | None = None,
    ) -> None:
        await self.repo.add(
            AuditEntry(
                company_id=company_id,
                actor_id=actor_id,
                action=action,
                entity=entity,
                entity_id=str(entity_id),
                payload=payload or {},
                created_at=utcnow(),
            )
        )
