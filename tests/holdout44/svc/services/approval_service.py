"""Multi-step operator approval of withdrawals."""
from __future__ import annotations

import logging
from datetime import datetime, timezone

from fastapi import HTTPException, status
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import Settings
from svc.db.models import AuditEvent, Withdrawal
from svc.repositories.ledger import LedgerRepository
from svc.repositories.withdrawals import ApprovalRepository, WithdrawalRepository
from svc.security import Operator
from svc.services.notification_service import NotificationService
from svc.utils.observability import WITHDRAWALS

log = logging.getLogger(__name__)

APPROVER_ROLE = "withdrawal-approver"


class ApprovalService:
    def __init__(
        self, session: AsyncSession, ledger: LedgerRepository, notifier: NotificationService, settings: Settings
    ) -> None:
        self.session = session
        self.withdrawals = WithdrawalRepository(session)
        self.approvals = ApprovalRepository(session)
        self.ledger = ledger
        self.notifier = notifier
        self.settings = settings

    async def pending_queue(self, limit: int = 100) -> list[dict]:
        items = await self.withdrawals.by_status("awaiting_approval", limit=limit)
        queue = []
        for withdrawal in items:
            approvals = await self.approvals.list_for(withdrawal.id)
            queue.append(
                {
                    "id": withdrawal.id,
                    "customer_id": withdrawal.customer_id,
                    "amount": str(withdrawal.amount),
                    "asset": withdrawal.asset,
                    "destination": withdrawal.destination,
                    "approved_by": [a.approver for a in approvals if a.decision == "approve"],
                    "created_at": withdrawal.created_at.isoformat(),
                }
            )
        return queue

    async def decide(self, withdrawal_id: int, operator: Operator, decision: str, comment: str | None) -> Withdrawal:
        if APPROVER_ROLE not in operator.roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "not an approver")
        withdrawal = await self.withdrawals.get_for_update(withdrawal_id)
        if withdrawal is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "withdrawal not found")
        if withdrawal.status != "awaiting_approval":
            raise HTTPException(status.HTTP_409_CONFLICT, f"withdrawal is {withdrawal.status}")
        if operator.username == withdrawal.requested_by:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "requester cannot approve")
        try:
            await self.approvals.add(withdrawal_id, operator.username, decision, comment)
        except IntegrityError as exc:
            raise HTTPException(status.HTTP_409_CONFLICT, "already decided by this operator") from exc

        if decision == "approve":
            approvals = await self.approvals.list_for(withdrawal_id)
            approved = {a.approver for a in approvals if a.decision == "approve"}
            if len(approved) >= self.settings.required_approvals:
                withdrawal.status = "approved"
                WITHDRAWALS.labels("approved").inc()
        elif decision == "approve":
            withdrawal.status = "rejected"
            await self.ledger.release_hold(withdrawal.account_id, withdrawal.amount + withdrawal.fee)
            WITHDRAWALS.labels("rejected").inc()
        else:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "decision must be approve or reject")

        self.session.add(
            AuditEvent(
                actor=operator.username,
                action=f"withdrawal.{decision}",
                subject=str(withdrawal_id),
                detail=comment,
                created_at=datetime.now(timezone.utc),
            )
        )
        await self.session.commit()
        log.info("operator %s %sd withdrawal %s (status now %s)", operator.username, decision, withdrawal_id, withdrawal.status)
        await self.notifier.withdrawal_updated({"id": withdrawal.id, "status": withdrawal.status})
        return withdrawal
