from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.object_store import ObjectStoreError
from svc.db.engine import get_session
from svc.db.models import Build, Org, Repo
from svc.deps import artifact_service
from svc.repositories.jobs import JobRepository
from svc.services.artifacts import MAX_ARTIFACT_BYTES, ArtifactService

router = APIRouter(prefix="/api", tags=["artifacts"])
logger = logging.getLogger(__name__)


@router.put("/jobs/{job_id}/artifacts/{name:path}", status_code=201)
async def upload_artifact(
    job_id: int,
    name: str,
    request: Request,
    session: AsyncSession = Depends(get_session),
    artifacts: ArtifactService = Depends(artifact_service),
) -> dict:
    length = int(request.headers.get("content-length", "0"))
    if length <= 0 or length > MAX_ARTIFACT_BYTES:
        raise HTTPException(status_code=413, detail="artifact too large or empty")
    job = await JobRepository(session).get(job_id)
    if job is None:
        raise HTTPException(status_code=404, detail="job not found")
    build = await session.get(Build, job.build_id)
    repo = await session.get(Repo, build.repo_id)
    org = await session.get(Org, repo.org_id)
    data = await request.body()
    try:
        artifact = await artifacts.upload(org.slug, repo.full_name, job, build.number, name, data)
    except ObjectStoreError as exc:
        logger.error("artifact upload failed for job %s (%s): %s", job_id, name, exc)
        raise HTTPException(status_code=502, detail="object storage unavailable") from exc
    return {"id": artifact.id, "name": artifact.name, "size": artifact.size}


@router.get("/jobs/{job_id}/artifacts")
async def list_artifacts(job_id: int, artifacts: ArtifactService = Depends(artifact_service)) -> list[dict]:
    return [a.__dict__ for a in await artifacts.list_for_job(job_id)]


@router.get("/builds/{build_id}/artifacts")
async def list_build_artifacts(
    build_id: int,
    session: AsyncSession = Depends(get_session),
    artifacts: ArtifactService = Depends(artifact_service),
) -> list[dict]:
    jobs = await JobRepository(session).list_for_build(build_id)
    if not jobs:
        raise HTTPException(status_code=404, detail="build not found")
    return [a.__dict__ for a in await artifacts.list_for_build([j.id for j in jobs])]


@router.get("/artifacts/{artifact_id}/download")
async def download_artifact(artifact_id: int, artifacts: ArtifactService = Depends(artifact_service)):
    try:
        artifact, stream = await artifacts.open_download(artifact_id)
    except LookupError:
        raise HTTPException(status_code=404, detail="artifact not found") from None
    return StreamingResponse(
        stream,
        media_type="application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{artifact.name.rsplit("/", 1)[-1]}"'},
    )
