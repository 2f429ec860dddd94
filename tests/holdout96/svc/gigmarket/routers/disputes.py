from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, UploadFile
from pydantic import BaseModel, Field

from ..dependencies import current_user, dispute_service
from ..models import User
from ..services.disputes import DisputeService

router = APIRouter(prefix="/disputes", tags=["disputes"])


class OpenDisputeIn(BaseModel):
    milestone_id: int
    reason: str = Field(min_length=20, max_length=4000)


@router.post("", status_code=201)
async def open_dispute(
    body: OpenDisputeIn, user: User = Depends(current_user), svc: DisputeService = Depends(dispute_service)
) -> dict[str, int]:
    dispute = await svc.open(body.milestone_id, user, body.reason)
    mediator_id = await svc.assign_mediator(dispute.id)
    return {"id": dispute.id, "mediator_id": mediator_id}


@router.post("/{dispute_id}/evidence", status_code=201)
async def upload_evidence(
    dispute_id: int,
    file: UploadFile = File(...),
    user: User = Depends(current_user),
    svc: DisputeService = Depends(dispute_service),
) -> dict[str, str]:
    body = await file.read()
    key = await svc.add_evidence(dispute_id, user, file.filename or "evidence", file.content_type or "application/octet-stream", body)
    return {"key": key}


@router.get("/queue")
async def mediator_queue(user: User = Depends(current_user), svc: DisputeService = Depends(dispute_service)) -> list[dict[str, Any]]:
    return await svc.mediator_queue(user)
