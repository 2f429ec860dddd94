from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Depends, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from procurement.clients import mailer
from procurement.db.engine import get_session
from procurement.repositories import requisition_repo
from procurement.schemas import DecisionIn
from procurement.security import Principal, current_principal
from procurement.services import approval_service

log = logging.getLogger(__name__)

router = APIRouter(prefix="/approvals", tags=["approvals"])


async def _notify_requester(requester_email: str, requisition_id: int, outcome: str) -> None:
    await mailer.send_email_async(
        requester_email, f"Requisition {requisition_id} {outcome}", f"Your requisition {requisition_id} was {outcome}."
    )


@router.get("/inbox")
async def inbox(principal: Principal = Depends(current_principal), session: AsyncSession = Depends(get_session)):
    pending = await requisition_repo.list_awaiting_approver(session, principal.user_id)
    return [{"id": r.id, "title": r.title, "total": str(r.total_amount), "currency": r.currency} for r in pending]


@router.post("/{requisition_id}/decision")
async def decide(
    requisition_id: int,
    body: DecisionIn,
    request: Request,
    principal: Principal = Depends(current_principal),
    session: AsyncSession = Depends(get_session),
):
    try:
        requisition = await approval_service.decide(session, requisition_id, principal.user_id, body.approve)
    except approval_service.ApprovalError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    directory = request.app.state.directory
    email = await directory.email_for(requisition.requester_id)
    asyncio.create_task(_notify_requester(email, requisition_id, requisition.status.value))
    return {"id": requisition.id, "status": requisition.status.value}
