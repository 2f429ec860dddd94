"""Chunked audio upload endpoints."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from podhost.db.engine import get_session
from podhost.deps import CurrentCreator, current_creator
from podhost.services.upload_service import QuotaExceeded, UploadFailed, UploadService

router = APIRouter(prefix="/v1/uploads", tags=["uploads"])

MAX_CHUNK = 8 * 1024 * 1024


class BeginIn(BaseModel):
    episode_id: int
    total_bytes: int = Field(gt=0)


def _service(request: Request, session: AsyncSession) -> UploadService:
    svc = request.app.state.services
    return UploadService(session, svc.redis, svc.storage, svc.transcode_queue, request.app.state.settings)


@router.post("", status_code=status.HTTP_201_CREATED)
async def begin_upload(
    body: BeginIn,
    request: Request,
    creator: CurrentCreator = Depends(current_creator),
    session: AsyncSession = Depends(get_session),
) -> dict:
    try:
        upload_id = await _service(request, session).begin(body.episode_id, creator.id, body.total_bytes)
    except QuotaExceeded as exc:
        raise HTTPException(status.HTTP_402_PAYMENT_REQUIRED, "monthly upload quota exceeded") from exc
    except UploadFailed as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc
    return {"upload_id": upload_id, "chunk_bytes": MAX_CHUNK}


@router.put("/{upload_id}/chunks/{index}", status_code=status.HTTP_204_NO_CONTENT)
async def put_chunk(
    upload_id: str,
    index: int,
    request: Request,
    creator: CurrentCreator = Depends(current_creator),
    session: AsyncSession = Depends(get_session),
) -> None:
    data = await request.body()
    if len(data) > MAX_CHUNK:
        raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, "chunk too large")
    await _service(request, session).write_chunk(upload_id, index, data)


@router.post("/{upload_id}/complete")
async def complete_upload(
    upload_id: str,
    request: Request,
    creator: CurrentCreator = Depends(current_creator),
    session: AsyncSession = Depends(get_session),
) -> dict:
    try:
        job_id = await _service(request, session).complete(upload_id)
    except UploadFailed as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc
    return {"transcode_job": job_id}


@router.get("/episodes/{episode_id}/waveform")
async def waveform(episode_id: int, request: Request, session: AsyncSession = Depends(get_session)) -> dict:
    try:
        peaks = await _service(request, session).waveform(episode_id)
    except UploadFailed as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc
    return {"peaks": peaks}
