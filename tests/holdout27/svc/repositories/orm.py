"""SQLAlchemy repositories for policies and claim documents."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import HTTPException
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import ClaimDocument, Policy


class PolicyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, policy_id: int) -> Policy | None:
        return await self._session.get(Policy, policy_id)

    async def get_by_number(self, policy_number: str) -> Policy:
        result = await self._session.execute(select(Policy).where(Policy.policy_number == policy_number))
        policy = result.scalar_one_or_none()
        if policy is None:
            raise HTTPException(status_code=404, detail=f"policy {policy_number} not found")
        return policy

    async def for_holder(self, holder_id: int) -> Sequence[Policy]:
        stmt = select(Policy).where(Policy.holder_id == holder_id).order_by(Policy.effective_from.desc()).limit(100)
        return (await self._session.scalars(stmt)).all()

    async def get_many(self, policy_ids: Sequence[int]) -> dict[int, Policy]:
        rows = (await self._session.scalars(select(Policy).where(Policy.id.in_(policy_ids)))).all()
        return {p.id: p for p in rows}


class DocumentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, document: ClaimDocument) -> None:
        self._session.add(document)

    async def get(self, document_id: int) -> ClaimDocument | None:
        return await self._session.get(ClaimDocument, document_id)

    async def for_claim(self, claim_id: int) -> Sequence[ClaimDocument]:
        stmt = select(ClaimDocument).where(ClaimDocument.claim_id == claim_id).order_by(ClaimDocument.uploaded_at)
        return (await self._session.scalars(stmt)).all()

    async def claims_with_digest(self, sha256: str) -> list[int]:
        stmt = select(ClaimDocument.claim_id).where(ClaimDocument.sha256 == sha256).distinct()
        return list((await self._session.scalars(stmt)).all())

    async def count_for_claims(self, claim_ids: Sequence[int]) -> dict[int, int]:
        stmt = (
            select(ClaimDocument.claim_id, func.count())
            .where(ClaimDocument.claim_id.in_(claim_ids))
            .group_by(ClaimDocument.claim_id)
        )
        return {claim_id: n for claim_id, n in (await self._session.execute(stmt)).all()}
