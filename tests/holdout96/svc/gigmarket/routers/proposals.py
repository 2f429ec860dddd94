from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from ..dependencies import current_user, proposal_service
from ..models import User
from ..services.proposals import ProposalService

router = APIRouter(prefix="/jobs/{job_id}/proposals", tags=["proposals"])


class ProposalIn(BaseModel):
    bid_amount: Decimal = Field(gt=0)
    cover_letter: str = Field(max_length=5000)


@router.post("", status_code=201)
async def submit(
    job_id: int, body: ProposalIn, user: User = Depends(current_user), svc: ProposalService = Depends(proposal_service)
) -> dict[str, int]:
    return {"id": await svc.submit(job_id, user, body.bid_amount, body.cover_letter)}


@router.get("")
async def ranked(
    job_id: int, user: User = Depends(current_user), svc: ProposalService = Depends(proposal_service)
) -> list[dict[str, Any]]:
    return await svc.ranked_for_job(job_id, user.id)


@router.get("/summary")
async def summary(job_id: int, svc: ProposalService = Depends(proposal_service)) -> dict[str, int]:
    return await svc.status_summary(job_id)
