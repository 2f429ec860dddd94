from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..deps import get_safety
from ..errors import NotFound
from ..security import CurrentUser, current_user
from ..services.safety import SafetyService

router = APIRouter(prefix="/safety", tags=["safety"])


class AdverseEventIn(BaseModel):
    term: str = Field(min_length=2, max_length=500)
    seriousness: str
    grade: int = Field(ge=1, le=5)
    causality: str
    onset_date: str


@router.post("/subjects/{subject_id}/adverse-events", status_code=201)
async def report_adverse_event(subject_id: int, body: AdverseEventIn, user: CurrentUser = Depends(current_user),
                               safety: SafetyService = Depends(get_safety)) -> dict[str, Any]:
    ae = await safety.report(subject_id, body.model_dump(), user)
    return {"id": ae.id, "meddra_code": ae.meddra_code, "expedited": safety.requires_expedited(ae)}


@router.post("/adverse-events/{ae_id}/safety-db")
async def register_in_safety_db(ae_id: int, user: CurrentUser = Depends(current_user),
                                safety: SafetyService = Depends(get_safety)) -> dict[str, Any]:
    case_id = await safety.push_to_safety_db(ae_id, user)
    return {"case_id": case_id}


@router.get("/subjects/{subject_id}/profile")
async def safety_profile(subject_id: int, user: CurrentUser = Depends(current_user),
                         safety: SafetyService = Depends(get_safety)) -> Any:
    try:
        return await safety.subject_profile(subject_id)
    except NotFound:
        return JSONResponse({"message": "subject not found"}, status_code=404)
