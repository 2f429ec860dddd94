from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from courses import enrolment

engine = create_async_engine("postgresql+asyncpg://localhost/courses")
Sessions = async_sessionmaker(engine)
app = FastAPI()


async def session():
    async with Sessions() as s:
        yield s


@app.post("/courses/{course_id}/enrol")
async def enrol(course_id: int, user_id: int, s: AsyncSession = Depends(session)) -> dict:
    return {"id": (await enrolment.enrol(s, course_id, user_id)).id}


@app.post("/courses/{course_id}/waitlist")
async def waitlist(course_id: int, user_id: int, s: AsyncSession = Depends(session)) -> None:
    await enrolment.enrol_waitlisted(s, course_id, user_id, 40)


@app.post("/courses/{course_id}/enrol-locked")
async def enrol_locked(course_id: int, user_id: int, s: AsyncSession = Depends(session)) -> dict:
    return {"id": (await enrolment.enrol_locked(s, course_id, user_id)).id}


@app.get("/courses/{course_id}/stats")
async def stats(course_id: int, s: AsyncSession = Depends(session)) -> dict:
    return await enrolment.course_stats(s, course_id)
