from __future__ import annotations

import json
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Query, WebSocket
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from glossa.clients.storage import ObjectStorage
from glossa.db.models import Project, User
from glossa.deps import authenticate_ws, current_user, get_session, project_access, service
from glossa.errors import NotFound
from glossa.repositories.jobs import ExportJobRepository
from glossa.schemas import ExportRequest
from glossa.settings import Settings, get_settings
from glossa.utils.security import verify_download_token

router = APIRouter(tags=["exports"])

_jobs = ExportJobRepository()


@router.post("/projects/{project_id}/exports", status_code=202)
async def request_export(
    body: ExportRequest,
    project: Project = Depends(project_access),
    user: User = Depends(current_user),
    session: AsyncSession = Depends(get_session),
) -> JSONResponse:
    locales = body.locales or project.target_locales
    job = await _jobs.create(session, project.id, body.format, locales, user.id)
    await session.commit()
    return JSONResponse(status_code=202, content={"id": job.id, "status": job.status})


@router.get("/projects/{project_id}/exports/{job_id}/download")
async def download_export(
    job_id: int,
    project: Project = Depends(project_access),
    session: AsyncSession = Depends(get_session),
    storage: ObjectStorage = Depends(service("storage")),
) -> RedirectResponse:
    job = await _jobs.get(session, job_id)
    if job is None or job.project_id != project.id or job.artifact_key is None:
        raise NotFound(f"export {job_id} has no bundle")
    return RedirectResponse(storage.presigned_url(job.artifact_key), status_code=307)


@router.get("/exports/local")
def download_local_export(
    key: str,
    expires: int,
    sig: str = Query(min_length=64, max_length=64),
    settings: Settings = Depends(get_settings),
) -> Response:
    """Self-hosted installs without object storage serve bundles from the export volume."""
    if not settings.local_exports or not verify_download_token(settings.signing_secret, key, expires, sig):
        raise HTTPException(status_code=404)
    root = Path(settings.export_dir).resolve()
    path = (root / key).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise HTTPException(status_code=404)
    with open(path, "rb") as fh:
        data = fh.read()
    return Response(content=data, media_type="application/zip")


@router.websocket("/ws/exports/{job_id}")
async def export_progress(websocket: WebSocket, job_id: int) -> None:
    user = await authenticate_ws(websocket)
    if user is None:
        await websocket.close(code=4401)
        return
    await websocket.accept()
    pubsub = websocket.app.state.redis.pubsub()
    await pubsub.subscribe(f"export:{job_id}")
    async for message in pubsub.listen():
        if message["type"] != "message":
            continue
        update = json.loads(message["data"])
        await websocket.send_json(update)
        if update.get("status") in ("done", "failed"):
            break
    await websocket.close()
