from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from procurement.db.models import ApprovalStep, Requisition, RequisitionLine, RequisitionStatus


async def get(session: AsyncSession, requisition_id: int) -> Requisition | None:
    return await session.get(Requisition, requisition_id)


async def get_with_lines(session: AsyncSession, requisition_id: int) -> Requisition | None:
    stmt = (
        select(Requisition)
        .options(selectinload(Requisition.lines), selectinload(Requisition.steps))
        .where(Requisition.id == requisition_id)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def list_for_requester(session: AsyncSession, requester_id: int, limit: int = 50) -> Sequence[Requisition]:
    stmt = (
        select(Requisition)
        .where(Requisition.requester_id == requester_id)
        .order_by(Requisition.created_at.desc())
        .limit(limit)
    )
    return (await session.execute(stmt)).scalars().all()


async def list_awaiting_approver(session: AsyncSession, approver_id: int) -> Sequence[Requisition]:
    stmt = (
        select(Requisition)
        .join(ApprovalStep, ApprovalStep.requisition_id == Requisition.id)
        .where(ApprovalStep.approver_id == approver_id, ApprovalStep.decision.is_(None))
        .where(Requisition.status == RequisitionStatus.pending)
    )
    return (await session.execute(stmt)).scalars().all()


async def lines_for(session: AsyncSession, requisition_id: int) -> Sequence[RequisitionLine]:
    stmt = select(RequisitionLine).where(RequisitionLine.requisition_id == requisition_id)
    return (await session.execute(stmt)).scalars().all()


async def add(session: AsyncSession, requisition: Requisition) -> Requisition:
    session.add(requisition)
    await session.flush()
    return requisition
