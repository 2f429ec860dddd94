from __future__ import annotations

import logging

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from svc.data.errors import AlreadyEnrolled, CourseFull, NotFound
from svc.data.models import Course, Enrolment

log = logging.getLogger(__name__)


async def _active_count(session: AsyncSession, course_id: int) -> int:
    stmt = select(func.count()).select_from(Enrolment).where(
        Enrolment.course_id == course_id, Enrolment.status == "active"
    )
    return (await session.execute(stmt)).scalar_one()


async def enrol_open_seat(session: AsyncSession, course_id: int, user_id: int) -> Enrolment:
    course = await session.get(Course, course_id)
    if course is None:
        raise NotFound(f"course {course_id}")
    taken = await _active_count(session, course_id)
    if taken >= course.seat_limit:
        raise CourseFull(course.slug)
    enrolment = Enrolment(course_id=course_id, user_id=user_id)
    session.add(enrolment)
    await session.commit()
    return enrolment


async def enrol_locked(session: AsyncSession, course_id: int, user_id: int) -> Enrolment:
    async with session.begin():
        course = (
            await session.execute(select(Course).where(Course.id == course_id).with_for_update())
        ).scalar_one_or_none()
        if course is None:
            raise NotFound(f"course {course_id}")
        locked_taken = await _active_count(session, course_id)
        if locked_taken >= course.seat_limit:
            raise CourseFull(course.slug)
        enrolment = Enrolment(course_id=course_id, user_id=user_id)
        session.add(enrolment)
        try:
            await session.flush()
        except IntegrityError as exc:
            raise AlreadyEnrolled(course.slug) from exc
    return enrolment


async def withdraw(session: AsyncSession, course_id: int, user_id: int) -> None:
    result = await session.execute(
        update(Enrolment)
        .where(Enrolment.course_id == course_id, Enrolment.user_id == user_id)
        .values(status="withdrawn")
    )
    if result.rowcount == 0:
        raise NotFound("enrolment")
    await session.commit()
    log.info("withdrawal", extra={"course_id": course_id, "user_id": user_id})


async def roster_emails(session: AsyncSession, course_id: int) -> list[str]:
    from svc.data.models import User

    enrolments = (
        await session.scalars(select(Enrolment).where(Enrolment.course_id == course_id).limit(1000))
    ).all()
    emails: list[str] = []
    for enrolment in enrolments:
        user = await session.get(User, enrolment.user_id)
        if user is not None:
            emails.append(user.email)
    return emails


async def roster_emails_batched(session: AsyncSession, course_id: int) -> list[str]:
    from svc.data.models import User

    stmt = (
        select(User.email)
        .join(Enrolment, Enrolment.user_id == User.id)
        .where(Enrolment.course_id == course_id)
        .limit(1000)
    )
    return list((await session.scalars(stmt)).all())
