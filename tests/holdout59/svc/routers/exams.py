from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel, Field

from svc.clients.lms import lms_client
from svc.deps import PrincipalDep, ProctorDep, SessionDep
from svc.repositories.exams import ExamRepository
from svc.services.scheduling import ScheduleError, SchedulingService, SittingRequest
from svc.utils.timeutil import utcnow

router = APIRouter(prefix="/exams", tags=["exams"])


class SittingIn(BaseModel):
    opens_at: datetime
    closes_at: datetime
    room: str | None = None
    capacity: int = Field(ge=0, le=2000)


class SittingOut(BaseModel):
    id: int
    exam_id: int
    opens_at: datetime
    closes_at: datetime
    room: str | None
    capacity: int

    model_config = {"from_attributes": True}


@router.get("/{exam_id}/sittings", response_model=list[SittingOut])
async def list_sittings(exam_id: int, session: SessionDep, _: PrincipalDep) -> list[SittingOut]:
    return [SittingOut.model_validate(s) for s in await ExamRepository(session).sittings_for_exam(exam_id)]


@router.get("/sittings/upcoming", response_model=list[SittingOut])
async def upcoming(session: SessionDep, _: PrincipalDep, cursor: int | None = None,
                   page_size: int = Query(50, ge=1, le=200)) -> list[SittingOut]:
    rows = await ExamRepository(session).upcoming_sittings(utcnow(), cursor=cursor, page_size=page_size)
    return [SittingOut.model_validate(s) for s in rows]


@router.post("/{exam_id}/sittings", response_model=SittingOut, status_code=status.HTTP_201_CREATED)
async def create_sitting(exam_id: int, body: SittingIn, session: SessionDep, _: ProctorDep) -> SittingOut:
    service = SchedulingService(session, lms_client)
    try:
        sitting = await service.add_sitting(exam_id, SittingRequest(**body.model_dump()))
    except ScheduleError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return SittingOut.model_validate(sitting)


@router.patch("/sittings/{sitting_id}", response_model=SittingOut)
async def reschedule(sitting_id: int, body: SittingIn, session: SessionDep, _: ProctorDep) -> SittingOut:
    try:
        sitting = await SchedulingService(session, lms_client).reschedule(sitting_id, body.opens_at, body.closes_at)
    except ScheduleError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return SittingOut.model_validate(sitting)


@router.get("/{exam_id}/capacity")
async def capacity(exam_id: int, session: SessionDep, _: ProctorDep) -> dict[str, int]:
    try:
        return await SchedulingService(session, lms_client).capacity_report(exam_id)
    except ScheduleError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc
