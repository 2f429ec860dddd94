from __future__ import annotations

import json
import logging
from typing import Any

from ..repositories.audit import AuditRepository
from ..utils import files
from ..utils.timeutil import utcnow

log = logging.getLogger(__name__)


def canonical_json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)


class AuditService:
    def __init__(self, repo: AuditRepository, spool_path: str) -> None:
        self._repo = repo
        self._spool_path = spool_path

    async def record(
        self,
        actor: str,
        action: str,
        entity_type: str,
        entity_id: str | int,
        detail: dict[str, Any] | None = None,
    ) -> str:
        body = canonical_json(detail or {})
        digest = await self._repo.append(actor, action, entity_type, str(entity_id), body)
        log.debug("audit %s %s %s/%s", actor, action, entity_type, entity_id)
        return digest

    def spool_locally(self, entry: dict[str, Any]) -> None:
        """Write-once local copy of each request, kept for the inspection trail."""
        files.append_jsonl(self._spool_path, {"at": utcnow().isoformat(), **entry})

    async def history(self, entity_type: str, entity_id: str) -> list[dict[str, Any]]:
        rows = await self._repo.history(entity_type, entity_id)
        return [dict(r) for r in rows]

    async def search(self, needle: str) -> list[dict[str, Any]]:
        return [dict(r) for r in await self._repo.search_detail(needle)]
