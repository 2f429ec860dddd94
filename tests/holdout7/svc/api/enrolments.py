from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from svc.data.db import get_session
from svc.ops.ratelimit import local_limiter, shared_limiter
from svc.services import enrolment as enrolment_service

router = APIRouter(prefix="/enrolments", tags=["enrolments"])


@router.post("/{course_id}")
async def enrol(course_id: int, user_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    await shared_limiter.check(f"enrol:{user_id}", limit=10, window=60)
    enrolment = await enrolment_service.enrol_locked(session, course_id, user_id)
    return {"id": enrolment.id, "status": enrolment.status}


@router.post("/{course_id}/waitlist-claim")
async def claim_waitlist_seat(
    course_id: int, user_id: int, session: AsyncSession = Depends(get_session)
) -> dict:
    local_limiter.check(f"claim:{user_id}")
    enrolment = await enrolment_service.enrol_open_seat(session, course_id, user_id)
    return {"id": enrolment.id}


@router.delete("/{course_id}")
async def withdraw(course_id: int, user_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    await enrolment_service.withdraw(session, course_id, user_id)
    return {"withdrawn": True}


@router.get("/{course_id}/roster")
async def roster(course_id: int, session: AsyncSession = Depends(get_session)) -> list[str]:
    return await enrolment_service.roster_emails_batched(session, course_id)


@router.get("/{course_id}/roster/legacy")
async def roster_legacy(course_id: int, session: AsyncSession = Depends(get_session)) -> list[str]:
    return await enrolment_service.roster_emails(session, course_id)
