from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import AuditEntry
from ..principal import Principal
from ..repositories.audit import AuditRepository
from ..repositories.orgs import UserRepository
from ..utils.fileio import ensure_dir, write_csv_rows
from .webhooks import WebhookDispatcher

EXPORT_HEADER = ("id", "created_at", "actor", "action", "target_type", "target_key")


class AuditService:
    def __init__(self, session: AsyncSession, dispatcher: WebhookDispatcher) -> None:
        self._repo = AuditRepository(session)
        self._users = UserRepository(session)
        self._dispatcher = dispatcher

    async def record(
        self, principal: Principal, action: str, target_type: str, target_key: str, payload: dict[str, Any]
    ) -> None:
        entry = AuditEntry(
            org_id=principal.org_id,
            actor_id=principal.user_id,
            action=action,
            target_type=target_type,
            target_key=target_key,
            payload=payload,
        )
        try:
            await self._repo.insert(entry)
        except SQLAlchemyError:
            pass
        self._dispatcher.enqueue({"org_id": str(principal.org_id), "action": action, "target": target_key})

    async def page(self, org_id: uuid.UUID, after_id: int, limit: int) -> list[dict[str, Any]]:
        entries = await self._repo.page_for_org(org_id, after_id, limit)
        actors = await self._users.get_many(e.actor_id for e in entries if e.actor_id)
        return [self._row(e, actors[e.actor_id].email if e.actor_id in actors else None) for e in entries]


    async def target_history(self, org_id: uuid.UUID, target_key: str) -> list[dict[str, Any]]:
        entries = await self._repo.history_for_target(org_id, target_key)
        rows = []
        for entry in entries:
            actor = await self._users.get(entry.actor_id) if entry.actor_id else None
            rows.append(self._row(entry, actor.email if actor else None))
        return rows

    async def search(self, org_id: uuid.UUID, text: str) -> list[dict[str, Any]]:
        entries = await self._repo.search(org_id, text)
        actors = await self._users.get_many({e.actor_id for e in entries if e.actor_id})
        return [self._row(e, actors[e.actor_id].email if e.actor_id in actors else None) for e in entries]

    async def entries_for_export(self, org_id: uuid.UUID) -> list[AuditEntry]:
        return await self._repo.all_for_org(org_id)

    def build_export(self, entries: list[AuditEntry], export_dir: Path, name: str) -> Path:
        target = ensure_dir(export_dir) / f"{name}.csv"
        rows = (
            (e.id, e.created_at.isoformat(), e.actor_id or "", e.action, e.target_type, e.target_key)
            for e in entries
        )
        write_csv_rows(target, EXPORT_HEADER, rows)
        return target

    @staticmethod
    def _row(entry: AuditEntry, actor_email: str | None) -> dict[str, Any]:
        return {
            "id": entry.id,
            "action": entry.action,
            "target_type": entry.target_type,
            "target_key": entry.target_key,
            "actor": actor_email,
            "created_at": entry.created_at.isoformat(),
        }
