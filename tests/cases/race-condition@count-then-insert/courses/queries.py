"""Counting queries shared by the enrolment paths."""
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from courses.models import Enrolment


async def active_count(session: AsyncSession, course_id: int) -> int:
    stmt = select(func.count()).select_from(Enrolment).where(
        Enrolment.course_id == course_id, Enrolment.status == "active"
    )
    return (await session.execute(stmt)).scalar_one()
