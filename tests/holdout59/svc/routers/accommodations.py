from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel, Field

from svc.deps import PrincipalDep, ProctorDep, RedisDep, SessionDep
from svc.services.accommodations import AccommodationError, AccommodationService

router = APIRouter(prefix="/accommodations", tags=["accommodations"])


class AccommodationIn(BaseModel):
    student_id: int
    course_id: int | None = None
    extra_time_pct: int = Field(ge=0, le=100)
    rest_breaks: bool = False
    expires_at: datetime | None = None


class RestBreak(BaseModel):
    seconds: int = Field(gt=0, le=900)


@router.post("", status_code=status.HTTP_201_CREATED)
async def approve(body: AccommodationIn, session: SessionDep, redis: RedisDep, officer: ProctorDep) -> dict[str, int]:
    try:
        acc = await AccommodationService(session, redis).approve(
            body.student_id, body.course_id, body.extra_time_pct, officer.email,
            expires_at=body.expires_at, rest_breaks=body.rest_breaks,
        )
    except AccommodationError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
    return {"id": acc.id}


@router.post("/attempts/{attempt_id}/rest-break")
async def rest_break(attempt_id: int, body: RestBreak, session: SessionDep, redis: RedisDep,
                     principal: PrincipalDep) -> dict[str, int]:
    try:
        new_deadline = await AccommodationService(session, redis).start_rest_break(attempt_id, body.seconds)
    except AccommodationError as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, str(exc)) from exc
    return {"deadline_epoch": new_deadline}
