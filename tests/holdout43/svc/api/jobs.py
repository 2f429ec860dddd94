from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel, Field
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import db, principal, Principal, redis_dep, require_role
from svc.repositories import analytics as analytics_repo
from svc.services import analytics as analytics, pipeline
from svc.services.jobs import JobService

router = APIRouter(prefix="/jobs", tags=["jobs"])
public_router = APIRouter(prefix="/careers", tags=["careers"])


class JobIn(BaseModel):
    title: str = Field(min_length=3, max_length=200)
    description: str
    location: str | None = None
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_job(
    body: JobIn,
    p: Principal = Depends(require_role("admin", "recruiter")),
    session: AsyncSession = Depends(db),
    redis: Redis = Depends(redis_dep),
):
    try:
        job = await JobService(session, redis).create(p.company_id, **body.model_dump(), hiring_manager_id=p.user_id)
    except Exception as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc
    return {"id": job.id}


@router.post("/{job_id}/publish")
async def publish_job(
    job_id: int,
    p: Principal = Depends(require_role("admin", "recruiter")),
    session: AsyncSession = Depends(db),
    redis: Redis = Depends(redis_dep),
):
    try:
        job = await JobService(session, redis).publish(p.company_id, job_id)
    except LookupError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "job not found") from exc
    return {"id": job.id, "status": "open"}


@router.get("/{job_id}")
async def job_summary(job_id: int, p: Principal = Depends(principal), session: AsyncSession = Depends(db),
                      redis: Redis = Depends(redis_dep)):
    try:
        return await JobService(session, redis).internal_summary(p.company_id, job_id)
    except LookupError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown job") from exc


@router.get("/{job_id}/board")
async def job_board(job_id: int, p: Principal = Depends(principal), session: AsyncSession = Depends(db)):
    return await pipeline.build_compact_board(session, job_id)


@router.get("/{job_id}/export")
async def export_job(job_id: int, p: Principal = Depends(principal), session: AsyncSession = Depends(db)):
    return await pipeline.export_rows(session, job_id)


@public_router.get("/{company_id}/jobs")
async def careers(company_id: int, page: int = 0, session: AsyncSession = Depends(db), redis: Redis = Depends(redis_dep)):
    if page < 0 or page > 100:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "page out of range")
    return await JobService(session, redis).careers_page(company_id, page)


analytics_router = APIRouter(prefix="/analytics", tags=["analytics"])


@analytics_router.get("/dashboard")
async def dashboard(p: Principal = Depends(principal), session: AsyncSession = Depends(db)):
    return await analytics.dashboard(session, p.company_id)


@analytics_router.get("/stale")
async def stale(job_ids: list[int] = Query(...), p: Principal = Depends(principal)):
    return await analytics.stale_applications(p.company_id, job_ids[:100])


@analytics_router.get("/jobs/{job_id}/ranking")
async def ranking(job_id: int, p: Principal = Depends(principal), session: AsyncSession = Depends(db)):
    return await analytics.rank_for_job(session, p.company_id, job_id)


@analytics_router.get("/jobs/{job_id}/time-in-stage")
async def time_in_stage(job_id: int, p: Principal = Depends(principal)):
    rows = await analytics_repo.time_in_stage(job_id)
    return [{"stage": r["to_stage"], "avg_seconds": r["avg_duration"].total_seconds()} for r in rows]
