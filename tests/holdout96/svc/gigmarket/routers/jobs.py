from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from ..dependencies import current_user, job_service, search_index_service
from ..models import User
from ..services.jobs import JobService
from ..services.search_index import SearchIndexService
from ..utils.pagination import decode_cursor

router = APIRouter(prefix="/jobs", tags=["jobs"])


class JobIn(BaseModel):
    title: str = Field(max_length=200)
    description: str
    category: str
    budget_min: Decimal
    budget_max: Decimal
    currency: str = "USD"


@router.post("", status_code=201)
async def post_job(body: JobIn, user: User = Depends(current_user), svc: JobService = Depends(job_service)) -> dict[str, Any]:
    return await svc.post_job(user.id, user.role, body.model_dump())


@router.get("")
async def browse(cursor: str | None = None, svc: JobService = Depends(job_service)) -> dict[str, Any]:
    return await svc.browse(decode_cursor(cursor))


@router.get("/search")
async def search(
    q: str = Query(min_length=2),
    category: str | None = None,
    page: int = Query(0, ge=0, le=50),
    svc: JobService = Depends(job_service),
) -> list[dict[str, Any]]:
    return await svc.search_jobs(q, category, page)


@router.get("/suggest")
async def suggest(prefix: str = Query(min_length=2), svc: SearchIndexService = Depends(search_index_service)) -> list[str]:
    return await svc.suggest(prefix)


@router.get("/featured")
async def featured(svc: JobService = Depends(job_service)) -> list[dict[str, Any]]:
    return await svc.featured()


@router.get("/{job_id}")
async def detail(job_id: int, svc: JobService = Depends(job_service)) -> dict[str, Any]:
    return await svc.detail(job_id)


@router.post("/{job_id}/close", status_code=204)
async def close(job_id: int, user: User = Depends(current_user), svc: JobService = Depends(job_service)) -> None:
    await svc.close(job_id, user.id)
