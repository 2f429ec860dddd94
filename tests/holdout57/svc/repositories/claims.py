from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import OPEN_STATUSES, Claim, ClaimStatus


class ClaimRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, claim_id: int) -> Claim | None:
        return await self._session.get(Claim, claim_id)

    async def get_for_update(self, claim_id: int) -> Claim | None:
        stmt = select(Claim).where(Claim.id == claim_id).with_for_update()
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def by_number(self, claim_number: str) -> Claim | None:
        stmt = select(Claim).where(Claim.claim_number == claim_number)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def add(self, claim: Claim) -> Claim:
        self._session.add(claim)
        await self._session.flush()
        return claim

    async def list_for_policy(self, policy_id: int) -> list[Claim]:
        rows = await self._session.execute(
            select(Claim).where(Claim.policy_id == policy_id).order_by(Claim.reported_at.desc())
        )
        return list(rows.scalars())

    async def page(self, *, status: ClaimStatus | None, after_id: int, limit: int) -> list[Claim]:
        stmt = select(Claim).where(Claim.id > after_id)
        if status is not None:
            stmt = stmt.where(Claim.status == status)
        rows = await self._session.execute(stmt.order_by(Claim.id).limit(limit))
        return list(rows.scalars())

    async def for_claimant(self, email: str) -> list[Claim]:
        stmt = select(Claim).where(func.lower(Claim.claimant_email) == email.lower()).order_by(Claim.id.desc())
        rows = await self._session.execute(stmt)
        return list(rows.scalars())

    async def overdue(self, now: datetime, limit: int = 200) -> list[Claim]:
        stmt = (
            select(Claim)
            .where(Claim.status.in_(OPEN_STATUSES), Claim.sla_due_at < now)
            .order_by(Claim.sla_due_at)
            .limit(limit)
        )
        rows = await self._session.execute(stmt)
        return list(rows.scalars())

    async def unassigned(self, region: str, limit: int = 50) -> list[Claim]:
        stmt = (
            select(Claim)
            .where(Claim.adjuster_id.is_(None), Claim.region == region, Claim.status == ClaimStatus.TRIAGE)
            .order_by(Claim.reported_at)
            .limit(limit)
        )
        rows = await self._session.execute(stmt)
        return list(rows.scalars())

    async def open_for_adjuster(self, adjuster_id: int) -> list[Claim]:
        stmt = select(Claim).where(Claim.adjuster_id == adjuster_id, Claim.status.in_(OPEN_STATUSES))
        rows = await self._session.execute(stmt)
        return list(rows.scalars())

    async def set_status(self, claim_id: int, status: ClaimStatus) -> None:
        await self._session.execute(update(Claim).where(Claim.id == claim_id).values(status=status))

    async def bump_escalation(self, claim_id: int) -> None:
        await self._session.execute(
            update(Claim).where(Claim.id == claim_id).values(escalation_level=Claim.escalation_level + 1)
        )
