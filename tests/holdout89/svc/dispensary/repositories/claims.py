from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select, update

from dispensary.db.models import Claim
from dispensary.repositories.base import BaseRepository
from dispensary.utils.timeutil import utcnow


class ClaimRepository(BaseRepository[Claim]):
    model = Claim

    async def claim_batch_for_submission(self, limit: int = 50) -> list[Claim]:
        result = await self.session.execute(
            select(Claim)
            .where(Claim.status.in_(("pending", "resubmit")), Claim.next_attempt_at <= utcnow())
            .order_by(Claim.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list(result.scalars())

    async def submitted_since(self, since: datetime) -> list[Claim]:
        result = await self.session.execute(
            select(Claim).where(Claim.status == "submitted", Claim.submitted_at >= since)
        )
        return list(result.scalars())

    async def get_by_payer_ref(self, payer_claim_ref: str) -> Claim | None:
        result = await self.session.execute(select(Claim).where(Claim.payer_claim_ref == payer_claim_ref))
        return result.scalar_one_or_none()

    async def for_prescription(self, prescription_id: int) -> list[Claim]:
        result = await self.session.execute(
            select(Claim).where(Claim.prescription_id == prescription_id).order_by(Claim.id)
        )
        return list(result.scalars())

    async def mark_submitted(self, claim_id: int, payer_claim_ref: str) -> None:
        await self.session.execute(
            update(Claim)
            .where(Claim.id == claim_id)
            .values(status="submitted", payer_claim_ref=payer_claim_ref, submitted_at=utcnow())
        )

    async def mark_rejected(self, claim_id: int, reject_code: str | None) -> None:
        await self.session.execute(
            update(Claim).where(Claim.id == claim_id).values(status="rejected", reject_code=reject_code)
        )

    async def mark_paid(self, claim_id: int, amount: Decimal) -> None:
        await self.session.execute(
            update(Claim).where(Claim.id == claim_id).values(status="paid", amount=amount)
        )

    async def schedule_resubmission(self, claim_id: int, at: datetime, attempts: int) -> None:
        await self.session.execute(
            update(Claim)
            .where(Claim.id == claim_id)
            .values(status="resubmit", next_attempt_at=at, attempts=attempts)
        )
