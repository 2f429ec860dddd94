"""Audit trail service."""
from __future__ import annotations

from svc.repositories.audit import AuditRepository
from svc.schemas import AuditEvent


class AuditService:
    def __init__(self, repo: AuditRepository) -> None:
        self._repo = repo

    async def record(
        self, action: str, booking_id: int, *, actor_id: int | None = None, **payload: object
    ) -> None:
        event = AuditEvent(
            entity_type="booking",
            entity_id=booking_id,
            action=action,
            actor_id=actor_id,
            payload=dict(payload),
        )
        await self._repo.insert(event, idempotency_key=f"booking:{booking_id}:{action}:{payload.get('at', '')}")

    async def history(self, booking_id: int) -> list[dict]:
        rows = await self._repo.for_entity("booking", booking_id)
        return [dict(r) for r in rows]
