from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import get_session
from svc.deps import cancellation_service
from svc.repositories.jobs import JobRepository
from svc.repositories.misc import LogRepository
from svc.services.cancellation import CancellationService

router = APIRouter(prefix="/api", tags=["jobs"])


@router.post("/builds/{build_id}/cancel")
async def cancel_build(
    build_id: int,
    user: str = Query("anonymous"),
    session: AsyncSession = Depends(get_session),
    cancellation: CancellationService = Depends(cancellation_service),
) -> dict:
    cancelled = await cancellation.cancel_build(session, build_id, requested_by=user)
    return {"cancelled": cancelled}


@router.post("/jobs/{job_id}/cancel")
async def cancel_job(
    job_id: int,
    user: str = Query("anonymous"),
    session: AsyncSession = Depends(get_session),
    cancellation: CancellationService = Depends(cancellation_service),
) -> dict:
    if not await cancellation.cancel_job(session, job_id, requested_by=user):
        raise HTTPException(status_code=409, detail="job is not cancellable")
    return {"cancelled": [job_id]}


@router.get("/jobs/{job_id}/log")
async def read_log(
    job_id: int,
    after: int = Query(0, ge=0),
    limit: int = Query(200, ge=1, le=1000),
    session: AsyncSession = Depends(get_session),
) -> dict:
    chunks = await LogRepository(session).read_after(job_id, after, limit)
    next_seq = chunks[-1].seq if chunks else after
    return {"job_id": job_id, "next": next_seq, "chunks": [c.body for c in chunks]}


@router.post("/jobs/{job_id}/retry")
async def retry_job(job_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    jobs = JobRepository(session)
    job = await jobs.get(job_id)
    if job is None:
        raise HTTPException(status_code=404, detail="job not found")
    if job.status not in ("failed", "cancelled", "error"):
        raise HTTPException(status_code=409, detail=f"job is {job.status}")
    job.status = "queued"
    job.runner_id = None
    job.exit_code = None
    job.attempt += 1
    await session.commit()
    return {"job_id": job.id, "attempt": job.attempt}
