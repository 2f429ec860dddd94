"""Enrolment and progress routes."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel

from svc.api.deps import current_principal, enrolment_service, get_container, require_admin
from svc.clients.identity import Principal
from svc.container import Container
from svc.services.enrolments import EnrolmentService

router = APIRouter(prefix="/api/enrolments", tags=["enrolments"])


class GrantSeat(BaseModel):
    user_id: int
    course_id: int


class LessonDone(BaseModel):
    course_id: int
    lesson_id: int
    total_lessons: int


@router.post("/courses/{course_id}", status_code=status.HTTP_201_CREATED)
async def enrol(
    course_id: int,
    principal: Principal = Depends(current_principal),
    enrolments: EnrolmentService = Depends(enrolment_service),
) -> dict:
    """Enrol in a free course; paid courses go through checkout."""
    enrolment_id = await enrolments.enrol(principal.user_id, course_id)
    return {"enrolment_id": enrolment_id}


@router.post("/grants", status_code=status.HTTP_201_CREATED)
async def grant(
    body: GrantSeat,
    admin: Principal = Depends(require_admin),
    enrolments: EnrolmentService = Depends(enrolment_service),
) -> dict:
    return {"enrolment_id": await enrolments.grant_seat(admin.user_id, body.user_id, body.course_id)}


@router.get("/mine")
async def mine(
    principal: Principal = Depends(current_principal),
    enrolments: EnrolmentService = Depends(enrolment_service),
) -> list[dict]:
    return [asdict(v) for v in await enrolments.overview(principal.user_id)]


@router.post("/{enrolment_id}/progress")
async def lesson_done(
    enrolment_id: int,
    body: LessonDone,
    _: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict:
    progress = container.progress
    await progress.complete_lesson(enrolment_id, body.course_id, body.lesson_id)
    summary = await progress.summary(enrolment_id, body.course_id, body.total_lessons)
    return {"completed": summary.completed, "percent": summary.percent}


@router.post("/lessons/{lesson_id}/views", status_code=status.HTTP_202_ACCEPTED)
def lesson_viewed(
    lesson_id: int,
    _: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> None:
    if lesson_id <= 0:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown lesson")
    container.progress.record_view(lesson_id)
