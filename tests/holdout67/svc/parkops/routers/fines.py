"""Fines (penalty charge notices) and appeals against them."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from ..db import get_session
from ..repositories.fine_repo import FineRepository
from ..schemas import AppealIn, DecisionIn
from ..services.appeal_service import AppealError
from ..services.fine_service import FineNotFound
from ..web import OfficerClaims, UserId, state

router = APIRouter(prefix="/api/v1", tags=["fines"])
DB = Annotated[AsyncSession, Depends(get_session)]


@router.get("/fines/{reference}")
async def get_fine(reference: str, db: DB) -> dict:
    fine = await FineRepository(db).get_by_ref(reference.upper())
    if fine is None:
        return {"error": "fine not found"}
    return {
        "reference": fine.reference,
        "plate": fine.plate,
        "amount_cents": fine.amount_cents,
        "status": fine.status,
        "issued_at": fine.issued_at.isoformat(),
        "due_date": fine.due_date.isoformat(),
    }


@router.get("/fines/history/{plate}")
async def fine_history(plate: str, officer: OfficerClaims, app_state=Depends(state)) -> list[dict]:
    return await app_state.fine_service.history(plate.upper())


@router.post("/fines/{fine_id}/cancel", status_code=204)
async def cancel_fine(fine_id: int, reason: str, officer: OfficerClaims, app_state=Depends(state)) -> None:
    try:
        await app_state.fine_service.cancel(fine_id, officer["sub"], reason)
    except FineNotFound as exc:
        raise HTTPException(status_code=404, detail="fine not found") from exc


@router.post("/fines/{fine_id}/appeals", status_code=201)
async def submit_appeal(fine_id: int, body: AppealIn, user_id: UserId, app_state=Depends(state)) -> dict:
    try:
        appeal = await app_state.appeal_service.submit(fine_id, body.reason)
    except AppealError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    return {"id": appeal.id, "status": appeal.status}


@router.post("/appeals/{appeal_id}/decision")
async def decide_appeal(appeal_id: int, body: DecisionIn, officer: OfficerClaims, app_state=Depends(state)) -> dict:
    try:
        appeal = await app_state.appeal_service.decide(
            appeal_id, upheld=body.upheld, note=body.note, officer_id=officer["sub"]
        )
    except AppealError as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    return {"id": appeal.id, "status": appeal.status}
