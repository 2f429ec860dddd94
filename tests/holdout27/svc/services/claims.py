"""Claim reads, status changes and the audit trail."""

from __future__ import annotations

import json
import logging
from typing import Any

import asyncpg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc import errors
from svc.db.connections import PgRepository
from svc.db.models import Claim
from svc.realtime.hub import ClaimStatusHub
from svc.repositories.claims import OPEN_STATUSES, ClaimsRepository
from svc.repositories.orm import DocumentRepository, PolicyRepository
from svc.schemas import QueueItem

logger = logging.getLogger(__name__)

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    "submitted": frozenset({"triage", "rejected"}),
    "triage": frozenset({"investigating", "approved", "rejected"}),
    "investigating": frozenset({"approved", "rejected", "awaiting_documents"}),
    "awaiting_documents": frozenset({"investigating"}),
    "approved": frozenset({"paid"}),
    "escalated": frozenset({"investigating", "approved", "rejected"}),
}


class AuditLog(PgRepository):
    async def record(self, claim_id: int, kind: str, actor: str, payload: dict[str, Any] | None = None) -> None:
        async with self.acquire() as conn:
            await conn.execute(
                "INSERT INTO claim_events (claim_id, kind, actor, payload) VALUES ($1, $2, $3, $4::jsonb)",
                claim_id, kind, actor, json.dumps(payload or {}),
            )

    async def history(self, claim_id: int, limit: int = 100) -> list[asyncpg.Record]:
        async with self.acquire() as conn:
            return await conn.fetch(
                "SELECT id, kind, actor, payload, created_at FROM claim_events WHERE claim_id = $1 ORDER BY created_at DESC LIMIT $2",
                claim_id, limit,
            )


class ClaimService:
    def __init__(
        self,
        session: AsyncSession,
        claims: ClaimsRepository,
        audit: AuditLog,
        hub: ClaimStatusHub,
    ) -> None:
        self._session = session
        self._claims = claims
        self._audit = audit
        self._hub = hub
        self._policies = PolicyRepository(session)
        self._documents = DocumentRepository(session)

    async def get_detail(self, claim_id: int) -> Claim:
        stmt = (
            select(Claim)
            .where(Claim.id == claim_id)
            .options(selectinload(Claim.documents), selectinload(Claim.policy))
        )
        claim = (await self._session.scalars(stmt)).one_or_none()
        if claim is None:
            raise errors.NotFoundError(f"claim {claim_id} not found")
        return claim

    async def adjuster_queue(self, adjuster_id: int) -> list[QueueItem]:
        stmt = (
            select(Claim)
            .where(Claim.adjuster_id == adjuster_id, Claim.status.in_(OPEN_STATUSES))
            .order_by(Claim.sla_due_at)
            .limit(100)
        )
        claims = (await self._session.scalars(stmt)).all()
        items: list[QueueItem] = []
        for claim in claims:
            policy = await self._policies.get(claim.policy_id)
            if policy is None:
                continue
            items.append(
                QueueItem(
                    claim_id=claim.id,
                    claim_number=claim.claim_number,
                    status=claim.status,
                    policy_number=policy.policy_number,
                    holder_id=policy.holder_id,
                    sla_due_at=claim.sla_due_at,
                )
            )
        return items

    async def holder_claims(self, holder_id: int) -> list[dict[str, Any]]:
        policies = await self._policies.for_holder(holder_id)
        by_id = {p.id: p for p in policies}
        stmt = select(Claim).where(Claim.policy_id.in_(list(by_id))).order_by(Claim.reported_at.desc()).limit(200)
        claims = (await self._session.scalars(stmt)).all()
        doc_counts = await self._documents.count_for_claims([c.id for c in claims])
        return [
            {
                "claim_number": c.claim_number,
                "policy_number": by_id[c.policy_id].policy_number,
                "status": c.status,
                "documents": doc_counts.get(c.id, 0),
            }
            for c in claims
        ]

    async def missing_document_claims(self, claim_ids: list[int], required: int) -> list[int]:
        claims = (await self._session.scalars(select(Claim).where(Claim.id.in_(claim_ids)))).all()
        short: list[int] = []
        for claim in claims:
            documents = await claim.awaitable_attrs.documents
            if len(documents) < required:
                short.append(claim.id)
        return short

    async def change_status(self, claim_id: int, status: str, actor: str, reason: str | None) -> None:
        claim = await self._claims.get(claim_id)
        if claim is None:
            raise errors.NotFoundError(f"claim {claim_id} not found")
        if claim["status"] == "locked_for_payment":
            raise errors.ClaimLockedError(f"claim {claim_id} is being paid")
        if status not in ALLOWED_TRANSITIONS.get(claim["status"], frozenset()):
            raise errors.ConflictError(f"cannot move claim from {claim['status']} to {status}")
        await self._claims.update_status(claim_id, status, reason=reason)
        await self._audit.record(claim_id, "status_changed", actor, {"to": status, "reason": reason})
        self._hub.publish_status(claim_id, status)

    async def move_to_triage(self, claim_id: int, actor: str) -> bool:
        moved = await self._claims.transition(claim_id, "submitted", "triage")
        if moved:
            await self._audit.record(claim_id, "status_changed", actor, {"to": "triage"})
            await self._hub.publish_status(claim_id, "triage")
        return moved
