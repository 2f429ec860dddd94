"""Enrolling students while seats last."""
from fastapi import HTTPException
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from courses.models import Course, Enrolment
from courses.queries import active_count


async def enrol(session: AsyncSession, course_id: int, user_id: int) -> Enrolment:
    course = await session.get(Course, course_id)
    if course is None:
        raise HTTPException(status_code=404)
    taken = await active_count(session, course_id)
    if taken >= course.seat_limit:  # expect: race-condition
        raise HTTPException(status_code=409, detail="course full")
    enrolment = Enrolment(course_id=course_id, user_id=user_id)
    session.add(enrolment)
    await session.commit()
    return enrolment


async def enrol_waitlisted(session: AsyncSession, course_id: int, user_id: int, limit: int) -> None:
    taken = (await session.execute(select(func.count(Enrolment.id)).where(Enrolment.course_id == course_id))).scalar_one()
    if taken < limit:  # expect: race-condition
        session.add(Enrolment(course_id=course_id, user_id=user_id))
        await session.commit()


async def enrol_locked(session: AsyncSession, course_id: int, user_id: int) -> Enrolment:
    async with session.begin():
        course = (await session.execute(select(Course).where(Course.id == course_id).with_for_update())).scalar_one()
        taken = await active_count(session, course_id)
        if taken >= course.seat_limit:
            raise HTTPException(status_code=409, detail="course full")
        enrolment = Enrolment(course_id=course_id, user_id=user_id)
        session.add(enrolment)
        try:
            await session.flush()
        except IntegrityError as exc:
            raise HTTPException(status_code=409, detail="already enrolled") from exc
    return enrolment


async def course_stats(session: AsyncSession, course_id: int) -> dict:
    course = await session.get(Course, course_id)
    taken = await active_count(session, course_id)
    if taken >= course.seat_limit:
        return {"slug": course.slug, "full": True}
    return {"slug": course.slug, "full": False, "left": course.seat_limit - taken}
