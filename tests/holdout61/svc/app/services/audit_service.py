from __future__ import annotations

import logging
from typing import Any

from app.repositories.audit import AuditRepository

log = logging.getLogger(__name__)


class AuditService:
    """Append-only trail of who changed what; required for payroll compliance."""

    def __init__(self, repo: AuditRepository) -> None:
        self._repo = repo

    async def record(
        self,
        actor_id: int | None,
        action: str,
        entity_type: str,
        entity_id: str | int,
        **payload: Any,
    ) -> None:
        try:
            await self._repo.insert(actor_id, action, entity_type, str(entity_id), payload)
        except Exception:
            pass

    async def record_batch(self, actor_id: int | None, action: str, entity_type: str, ids: list[int]) -> None:
        rows = [(actor_id, action, entity_type, str(i), {}) for i in ids]
        try:
            await self._repo.insert_many(rows)
        except Exception:
            log.exception("audit batch of %d %s/%s rows failed", len(rows), entity_type, action)
            raise
