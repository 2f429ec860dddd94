from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from pydantic import BaseModel, Field

from svc.deps import ProctorDep, RedisDep, SessionDep
from svc.services.accommodations import AccommodationError, AccommodationService
from svc.db.models import ProctorSession
from svc.services.proctoring import ProctoringService
from svc.ws.connections import registry

router = APIRouter(prefix="/proctoring", tags=["proctoring"])


class GrantTime(BaseModel):
    minutes: int = Field(gt=0, le=60)


class Assign(BaseModel):
    on_duty: list[int] = Field(min_length=1)


class HandOver(BaseModel):
    to_proctor: int


class RoomMove(BaseModel):
    exam_id: int
    room: str = Field(min_length=1, max_length=64)


@router.get("/exams/{exam_id}/dashboard")
async def dashboard(exam_id: int, session: SessionDep, redis: RedisDep, _: ProctorDep) -> list[dict[str, Any]]:
    return await ProctoringService(session, redis).dashboard(exam_id)


@router.get("/exams/{exam_id}/review-queue")
async def review_queue(exam_id: int, session: SessionDep, redis: RedisDep, _: ProctorDep,
                       min_risk: int = 10) -> list[dict[str, Any]]:
    return await ProctoringService(session, redis).review_queue(exam_id, min_risk=min_risk)


@router.get("/attempts/{attempt_id}/timeline")
async def timeline(attempt_id: int, session: SessionDep, redis: RedisDep, _: ProctorDep) -> list[dict[str, Any]]:
    return await ProctoringService(session, redis).timeline(attempt_id)


@router.post("/attempts/{attempt_id}/evidence")
async def export_evidence(attempt_id: int, session: SessionDep, redis: RedisDep, _: ProctorDep) -> dict[str, str]:
    path = await ProctoringService(session, redis).export_evidence(attempt_id)
    return {"path": path}


@router.get("/sessions/{session_id}/thumbnails")
async def thumbnails(session_id: int, session: SessionDep, redis: RedisDep, _: ProctorDep) -> list[str]:
    return await ProctoringService(session, redis).thumbnails(session_id)


@router.post("/attempts/{attempt_id}/extra-time")
async def grant_time(attempt_id: int, body: GrantTime, session: SessionDep, redis: RedisDep,
                     proctor: ProctorDep) -> dict[str, str]:
    try:
        deadline = await AccommodationService(session, redis).grant_extra_time(
            attempt_id, body.minutes, granted_by=proctor.email
        )
    except AccommodationError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"deadline": deadline.isoformat()}


@router.post("/sessions/{session_id}/assign")
async def assign(session_id: int, body: Assign, request: Request, session: SessionDep, _: ProctorDep) -> dict[str, int]:
    ps = await session.get(ProctorSession, session_id)
    if ps is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown proctoring session")
    proctor_id = await request.app.state.proctor_assigner.assign(session, ps, body.on_duty)
    return {"proctor_id": proctor_id}


@router.post("/exams/{exam_id}/hand-over")
async def hand_over(exam_id: int, body: HandOver, request: Request, session: SessionDep,
                    proctor: ProctorDep) -> dict[str, int]:
    moved = await request.app.state.proctor_assigner.hand_over(session, exam_id, proctor.student_id, body.to_proctor)
    return {"moved": moved}


@router.post("/attempts/{attempt_id}/room")
async def move_room(attempt_id: int, body: RoomMove, _: ProctorDep) -> dict[str, str]:
    await registry.move_room(attempt_id, body.room, body.exam_id)
    return {"room": body.room}
