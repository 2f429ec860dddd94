from __future__ import annotations

import csv
import io
import logging
import os

from fastapi import APIRouter, Depends
from fastapi.responses import PlainTextResponse, StreamingResponse
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import get_settings
from svc.data import analytics_pg
from svc.data.db import get_session
from svc.data.models import Course, Enrolment, Payment, User
from svc.data.models import Submission
from svc.services.catalogue_cache import cached_bio, remember_bio
from svc.services.grading import score_summary

log = logging.getLogger(__name__)
settings = get_settings()
router = APIRouter(prefix="/admin", tags=["admin"])


@router.get("/export/payments.csv")
async def export_payments(session: AsyncSession = Depends(get_session)) -> PlainTextResponse:
    payments = (await session.scalars(select(Payment).order_by(Payment.received_at))).all()
    body = "provider_ref,amount,status\n"
    for payment in payments:
        body += f"{payment.provider_ref},{payment.amount},{payment.status}\n"
    return PlainTextResponse(body, media_type="text/csv")


@router.get("/export/enrolments.csv")
async def export_enrolments(session: AsyncSession = Depends(get_session)) -> StreamingResponse:
    async def rows():
        yield "course_id,user_id,status\n"
        stream = await session.stream(
            select(Enrolment.course_id, Enrolment.user_id, Enrolment.status)
            .order_by(Enrolment.id)
            .execution_options(yield_per=1000)
        )
        async for course_id, user_id, status in stream:
            yield f"{course_id},{user_id},{status}\n"

    return StreamingResponse(rows(), media_type="text/csv")


@router.get("/inactive-students")
async def inactive_students(session: AsyncSession = Depends(get_session)) -> list[int]:
    enrolled_ids = list((await session.scalars(select(Enrolment.user_id).limit(50_000))).all())
    users = (await session.scalars(select(User.id).limit(50_000))).all()
    return [user_id for user_id in users if user_id not in enrolled_ids]


@router.get("/dormant-students")
async def dormant_students(session: AsyncSession = Depends(get_session)) -> list[int]:
    enrolled = set((await session.scalars(select(Enrolment.user_id).limit(50_000))).all())
    users = (await session.scalars(select(User.id).limit(50_000))).all()
    return [user_id for user_id in users if user_id not in enrolled]


@router.get("/watch-time")
async def watch_time(session: AsyncSession = Depends(get_session)) -> dict[int, int]:
    user_ids = list((await session.scalars(select(User.id).limit(5000))).all())
    return await analytics_pg.watch_time_for(user_ids)


@router.get("/courses/{course_id}/top-lessons")
async def top_lessons(course_id: int) -> list[dict]:
    return [dict(row) for row in await analytics_pg.top_lessons(course_id)]


@router.get("/daily/{day}")
async def daily(day: str) -> list[dict]:
    return [dict(row) for row in await analytics_pg.daily_report(day)]


@router.put("/instructors/{instructor_id}/bio")
async def set_bio(instructor_id: int, bio: str) -> dict:
    remember_bio(instructor_id, bio)
    return {"bio": cached_bio(instructor_id)}


@router.get("/export/courses.csv")
def export_courses_snapshot() -> PlainTextResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    with open(os.path.join(settings.media_root, "exports", "courses.csv"), encoding="utf-8") as handle:
        for line in csv.reader(handle):
            writer.writerow(line)
    return PlainTextResponse(buffer.getvalue(), media_type="text/csv")


@router.get("/courses/prices")
async def course_prices(session: AsyncSession = Depends(get_session)) -> list[dict]:
    courses = (await session.scalars(select(Course).limit(2000))).all()
    snapshot = [dict(slug=c.slug, price=str(c.price)) for c in courses]
    ordered = sorted(list(snapshot), key=lambda item: item["slug"])
    return ordered


@router.get("/quizzes/{quiz_id}/stats")
async def quiz_stats(quiz_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    scores = (
        await session.scalars(
            select(Submission.score).where(Submission.quiz_id == quiz_id, Submission.score.is_not(None)).limit(10_000)
        )
    ).all()
    return score_summary(list(scores))
