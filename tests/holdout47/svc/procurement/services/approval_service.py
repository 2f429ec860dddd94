from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from procurement.db.models import ApprovalStep, Requisition, RequisitionStatus
from procurement.repositories import audit_repo, requisition_repo
from procurement.services import budget_service

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ApprovalPolicy:
    line_manager_id: int
    department_head_id: int
    finance_controller_id: int
    cfo_id: int


class ApprovalError(Exception):
    pass


def approvers_for(amount: Decimal, policy: ApprovalPolicy) -> list[int]:
    chain = [policy.line_manager_id]
    if amount >= Decimal("5000"):
        chain.append(policy.department_head_id)
    if amount >= Decimal("25000"):
        chain.append(policy.finance_controller_id)
    if amount > Decimal("10000"):
        chain.append(policy.cfo_id)
    elif amount > Decimal("100000"):
        chain.append(policy.cfo_id)
        chain.append(policy.finance_controller_id)
    seen: set[int] = set()
    return [a for a in chain if not (a in seen or seen.add(a))]


async def submit(session: AsyncSession, requisition: Requisition, policy: ApprovalPolicy) -> list[ApprovalStep]:
    if requisition.status != RequisitionStatus.draft:
        raise ApprovalError("only drafts can be submitted")
    steps = [
        ApprovalStep(requisition_id=requisition.id, position=pos, approver_id=approver)
        for pos, approver in enumerate(approvers_for(requisition.total_amount, policy))
    ]
    session.add_all(steps)
    requisition.status = RequisitionStatus.pending
    await session.commit()
    return steps


async def _current_step(session: AsyncSession, requisition_id: int) -> ApprovalStep | None:
    stmt = (
        select(ApprovalStep)
        .where(ApprovalStep.requisition_id == requisition_id, ApprovalStep.decision.is_(None))
        .order_by(ApprovalStep.position)
        .limit(1)
        .with_for_update()
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def decide(session: AsyncSession, requisition_id: int, approver_id: int, approve: bool) -> Requisition:
    requisition = await requisition_repo.get(session, requisition_id)
    if requisition is None or requisition.status != RequisitionStatus.pending:
        raise ApprovalError("requisition is not awaiting approval")
    step = await _current_step(session, requisition_id)
    if step is None or step.approver_id != approver_id:
        raise ApprovalError("not your turn to approve")
    step.decision = "approved" if approve else "rejected"
    step.decided_at = datetime.now(timezone.utc)
    if not approve:
        requisition.status = RequisitionStatus.rejected
        await session.commit()
        await budget_service.release_hold(session, requisition_id, reason="rejected")
    else:
        remaining = await _current_step(session, requisition_id)
        if remaining is None:
            requisition.status = RequisitionStatus.approved
        await session.commit()
    audit_repo.record("requisition", requisition_id, step.decision, actor_id=approver_id)
    return requisition
