from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import get_session
from svc.deps import build_service
from svc.repositories.builds import BuildRepository
from svc.services.builds import BuildService
from svc.services.pipeline_parser import PipelineError, parse_document

router = APIRouter(prefix="/api/repos/{repo_id}", tags=["pipelines"])


class ValidateRequest(BaseModel):
    yaml: str


class ValidateResponse(BaseModel):
    valid: bool
    jobs: list[str] = []
    error: str | None = None


@router.post("/pipeline/validate", response_model=ValidateResponse)
async def validate_pipeline(repo_id: int, body: ValidateRequest) -> ValidateResponse:
    try:
        pipeline = parse_document(body.yaml)
        ordered = pipeline.ordered()
    except PipelineError as exc:
        return ValidateResponse(valid=False, error=str(exc))
    return ValidateResponse(valid=True, jobs=[j.name for j in ordered])


@router.get("/builds")
async def list_builds(
    repo_id: int,
    limit: int = Query(20, ge=1, le=100),
    session: AsyncSession = Depends(get_session),
    builds: BuildService = Depends(build_service),
) -> list[dict]:
    summaries = await builds.recent_with_jobs(session, repo_id, limit=limit)
    return [s.__dict__ for s in summaries]


@router.get("/dashboard")
async def dashboard(
    repo_id: int,
    session: AsyncSession = Depends(get_session),
    builds: BuildService = Depends(build_service),
) -> list[dict]:
    return [s.__dict__ for s in await builds.dashboard(session, repo_id)]


@router.get("/builds/search")
async def search_builds(
    repo_id: int,
    q: str = Query(..., min_length=2, max_length=100),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    rows = await BuildRepository(session).search(repo_id, q)
    return [{"id": b.id, "number": b.number, "ref": b.ref, "status": b.status} for b in rows]


@router.get("/builds/by-branch")
async def builds_for_branch(
    repo_id: int,
    prefix: str = Query(..., min_length=1),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    rows = await BuildRepository(session).list_by_ref_prefix(repo_id, f"refs/heads/{prefix}")
    return [{"id": b.id, "number": b.number, "ref": b.ref, "status": b.status} for b in rows]


@router.get("/builds/{build_id}")
async def get_build(repo_id: int, build_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    build = await BuildRepository(session).get_with_jobs(build_id)
    if build is None or build.repo_id != repo_id:
        raise HTTPException(status_code=404, detail="build not found")
    return {
        "id": build.id,
        "number": build.number,
        "status": build.status,
        "jobs": [{"id": j.id, "name": j.name, "status": j.status} for j in build.jobs],
    }


@router.post("/builds/{build_id}/rerun")
async def rerun_build(
    repo_id: int,
    build_id: int,
    session: AsyncSession = Depends(get_session),
    builds: BuildService = Depends(build_service),
) -> dict:
    build = await BuildRepository(session).get(build_id)
    if build is None or build.repo_id != repo_id:
        raise HTTPException(status_code=404, detail="build not found")
    requeued = await builds.rerun_failed(session, build_id)
    if not requeued:
        raise HTTPException(status_code=409, detail="no failed jobs to rerun")
    return {"build_id": build_id, "requeued": requeued}
