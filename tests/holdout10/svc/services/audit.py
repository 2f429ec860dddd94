"""Audit trail recording, verification and export."""
from __future__ import annotations

import copy
import json
from datetime import datetime, timezone
from typing import Any
from uuid import UUID

from svc.repositories.audit import AuditRepository


class AuditService:
    def __init__(self, repo: AuditRepository) -> None:
        self._repo = repo

    async def record(
        self, account_id: UUID, envelope_id: UUID, event_type: str, *,
        actor: str, ip: str | None = None, location: str | None = None, data: dict[str, Any] | None = None,
    ) -> str:
        entry = {"actor": actor, "ip": ip, "location": location, "data": data or {}, "at": datetime.now(timezone.utc).isoformat()}
        body = json.dumps(entry, sort_keys=True, separators=(",", ":"))
        return await self._repo.append(account_id, envelope_id, event_type, actor, body)

    async def verify(self, envelope_id: UUID) -> bool:
        return await self._repo.verify_chain(envelope_id)

    async def certificate(self, envelope_id: UUID) -> list[dict[str, Any]]:
        events = await self._repo.list_events(envelope_id)
        return [{"seq": e["seq"], "event": e["event_type"], "actor": e["actor"], "at": e["created_at"].isoformat(), "hash": e["hash"]} for e in events]

    async def export_csv(self, account_id: UUID, since: datetime) -> str:
        rows = await self._repo.export_for_account(account_id, since)
        snapshot = copy.deepcopy([dict(r) for r in rows])
        out = "envelope_id,seq,event,actor,created_at,hash\n"
        for r in snapshot:
            out += f"{r['envelope_id']},{r['seq']},{r['event_type']},{r['actor']},{r['created_at'].isoformat()},{r['hash']}\n"
        return out
