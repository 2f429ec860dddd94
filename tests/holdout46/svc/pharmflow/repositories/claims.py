from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Claim, Prescription


class ClaimRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, claim: Claim) -> Claim:
        self.session.add(claim)
        await self.session.flush()
        return claim

    async def get(self, claim_id: int) -> Claim | None:
        return await self.session.get(Claim, claim_id)

    async def latest_for_prescription(self, rx_id: int) -> Claim | None:
        stmt = select(Claim).where(Claim.prescription_id == rx_id).order_by(Claim.submitted_at.desc()).limit(1)
        return await self.session.scalar(stmt)

    async def unreconciled_since(self, since: dt.datetime) -> list[Claim]:
        stmt = select(Claim).where(Claim.reconciled.is_(False), Claim.submitted_at >= since).order_by(Claim.id)
        return list(await self.session.scalars(stmt))

    async def prescription_for(self, claim: Claim) -> Prescription | None:
        return await self.session.get(Prescription, claim.prescription_id)

    async def by_status(self, status: str) -> list[Claim]:
        return list(await self.session.scalars(select(Claim).where(Claim.status == status)))

    async def totals_by_status(self, pharmacy_id: int, since: dt.datetime) -> dict[str, tuple[int, float]]:
        stmt = (
            select(Claim.status, func.count(Claim.id), func.coalesce(func.sum(Claim.paid_amount), 0))
            .join(Prescription, Prescription.id == Claim.prescription_id)
            .where(Prescription.pharmacy_id == pharmacy_id, Claim.submitted_at >= since)
            .group_by(Claim.status)
        )
        rows = await self.session.execute(stmt)
        return {status: (int(count), float(total)) for status, count, total in rows}
