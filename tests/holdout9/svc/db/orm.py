from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

from fastapi import HTTPException
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Claim, ClaimEvent, OutboxEvent


class ClaimRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, claim_id: UUID) -> Claim | None:
        return await self._session.get(Claim, claim_id)

    async def get_or_404(self, claim_id: UUID) -> Claim:
        claim = await self._session.get(Claim, claim_id)
        if claim is None:
            raise HTTPException(status_code=404, detail=f"claim {claim_id} not found")
        return claim

    async def find_by_external_ref(self, external_ref: str) -> Claim | None:
        result = await self._session.execute(select(Claim).where(Claim.external_ref == external_ref).limit(1))
        return result.scalar_one_or_none()

    async def list_for_claimant(self, email: str, limit: int = 20) -> Sequence[Claim]:
        stmt = select(Claim).where(Claim.claimant_email == email.lower()).order_by(Claim.created_at.desc()).limit(limit)
        return (await self._session.execute(stmt)).scalars().all()

    async def list_page(self, status: str, before: datetime | None, limit: int) -> Sequence[Claim]:
        stmt = select(Claim).options(selectinload(Claim.documents)).where(Claim.status == status)
        if before is not None:
            stmt = stmt.where(Claim.created_at < before)
        stmt = stmt.order_by(Claim.created_at.desc()).limit(limit)
        return (await self._session.execute(stmt)).scalars().all()

    async def add(self, claim: Claim) -> Claim:
        self._session.add(claim)
        await self._session.flush()
        return claim

    async def transition(self, claim_id: UUID, expected: str, new_status: str) -> bool:
        stmt = (
            update(Claim)
            .where(Claim.id == claim_id, Claim.status == expected)
            .values(status=new_status, version=Claim.version + 1)
            .returning(Claim.id)
        )
        result = await self._session.execute(stmt)
        return result.scalar_one_or_none() is not None

    async def add_event(self, claim_id: UUID, kind: str, actor: str, payload: dict[str, Any]) -> None:
        self._session.add(ClaimEvent(claim_id=claim_id, kind=kind, actor=actor, payload=payload))

    async def enqueue_outbox(self, topic: str, payload: dict[str, Any]) -> None:
        self._session.add(OutboxEvent(topic=topic, payload=payload))

    async def daily_status_counts(self, day: date) -> dict[str, int]:
        result = await self._session.execute(text("SELECT status, count(*) AS n FROM claims WHERE date(created_at) = :day GROUP BY status"), {"day": day})
        return {row.status: row.n for row in result}
