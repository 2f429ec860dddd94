from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException

from ..dependencies import current_user, escrow_service, milestone_service
from ..errors import Conflict
from ..models import User
from ..services.escrow import EscrowService
from ..services.milestones import MilestoneService

router = APIRouter(prefix="/milestones", tags=["milestones"])


@router.post("/{milestone_id}/fund")
async def fund(
    milestone_id: int, user: User = Depends(current_user), escrow: EscrowService = Depends(escrow_service)
) -> dict[str, Any]:
    return await escrow.fund(milestone_id, user, customer_ref=f"cust-{user.id}")


@router.post("/{milestone_id}/submit", status_code=204)
async def submit_work(
    milestone_id: int, user: User = Depends(current_user), svc: MilestoneService = Depends(milestone_service)
) -> None:
    await svc.submit_work(milestone_id, user)


@router.post("/{milestone_id}/approve")
async def approve(
    milestone_id: int, user: User = Depends(current_user), svc: MilestoneService = Depends(milestone_service)
) -> dict[str, Any]:
    try:
        milestone = await svc.approve(milestone_id, user)
    except Conflict as exc:
        return {"ok": False, "error": str(exc)}
    return {"ok": True, "approved_at": milestone.approved_at.isoformat()}


@router.post("/{milestone_id}/release", status_code=204)
async def release(
    milestone_id: int, user: User = Depends(current_user), escrow: EscrowService = Depends(escrow_service)
) -> None:
    await escrow.release_now(milestone_id, user)


@router.post("/{milestone_id}/refund", status_code=204)
async def refund(
    milestone_id: int, user: User = Depends(current_user), escrow: EscrowService = Depends(escrow_service)
) -> None:
    if user.role != "admin":
        raise HTTPException(status_code=403, detail="admins only")
    await escrow.refund(milestone_id)
