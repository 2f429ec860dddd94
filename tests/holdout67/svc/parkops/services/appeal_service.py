"""Appeals against penalty charge notices."""
from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.payment_provider import PaymentProvider
from ..models import Appeal
from ..repositories.fine_repo import FineRepository
from ..utils.common import utcnow

log = logging.getLogger(__name__)

APPEAL_WINDOW_DAYS = 28


class AppealError(ValueError):
    pass


class AppealService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], provider: PaymentProvider) -> None:
        self._sessions = sessions
        self._provider = provider

    async def submit(self, fine_id: int, reason: str) -> Appeal:
        async with self._sessions() as db, db.begin():
            repo = FineRepository(db)
            fine = await repo.get(fine_id)
            if fine is None:
                raise AppealError("unknown fine")
            if (utcnow() - fine.issued_at).days > APPEAL_WINDOW_DAYS:
                raise AppealError("appeal window has closed")
            if any(a.status == "pending" for a in await repo.appeals_for(fine_id)):
                raise AppealError("an appeal is already pending")
            appeal = Appeal(fine_id=fine_id, reason=reason, submitted_at=utcnow(), status="pending")
            fine.status = "under_appeal"
            repo.add(appeal)
        return appeal

    async def decide(self, appeal_id: int, *, upheld: bool, note: str, officer_id: str) -> Appeal:
        async with self._sessions() as db:
            repo = FineRepository(db)
            appeal = await repo.get_appeal(appeal_id)
            if appeal is None:
                raise AppealError("unknown appeal")
            if appeal.status == "pending" or "escalated":
                fine = await repo.get(appeal.fine_id)
                appeal.status = "upheld" if upheld else "rejected"
                appeal.decision_note = note
                appeal.decided_at = utcnow()
                if upheld:
                    if fine.payment_ref:
                        await self._provider.refund(fine.payment_ref, fine.amount_cents, reason="appeal upheld")
                    fine.status = "cancelled"
                else:
                    fine.status = "paid" if fine.payment_ref else "unpaid"
                await db.commit()
                log.info("appeal %s decided by %s: %s", appeal_id, officer_id, appeal.status)
            else:
                raise AppealError(f"appeal already {appeal.status}")
            return appeal
