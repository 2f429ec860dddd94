from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.data.db import get_session
from svc.data.errors import NotFound
from svc.data.models import Course, Enrolment, User
from svc.services import certificates

router = APIRouter(prefix="/certificates", tags=["certificates"])


@router.post("/{course_id}/{user_id}")
async def issue(course_id: int, user_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    row = (
        await session.execute(
            select(User.display_name, Course.title, Course.slug)
            .join(Enrolment, Enrolment.user_id == User.id)
            .join(Course, Course.id == Enrolment.course_id)
            .where(Enrolment.user_id == user_id, Enrolment.course_id == course_id)
        )
    ).one_or_none()
    if row is None:
        raise NotFound("enrolment")
    serial = await certificates.issue_certificate(row.display_name, row.title, date.today().isoformat(), row.slug)
    return {"serial": serial}


@router.get("/{slug}/{serial}/verify")
async def verify(slug: str, serial: str) -> dict:
    return {"valid": await certificates.verify_certificate(slug, serial)}
