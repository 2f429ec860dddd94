"""Lesson video upload and transcoding routes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Header, Request, status
from pydantic import BaseModel, Field

from svc.api.deps import get_container, require_instructor
from svc.clients.identity import Principal
from svc.container import Container

router = APIRouter(prefix="/api/media", tags=["media"])

MAX_CHUNK_BYTES = 16 * 1024 * 1024


class UploadStart(BaseModel):
    lesson_id: int
    filename: str = Field(max_length=200)
    size: int = Field(gt=0)


class MediaCallback(BaseModel):
    job_id: str
    status: str


@router.post("/uploads", status_code=status.HTTP_201_CREATED)
async def start_upload(
    body: UploadStart,
    principal: Principal = Depends(require_instructor),
    container: Container = Depends(get_container),
) -> dict:
    upload_id = await container.uploads.start(principal.user_id, body.lesson_id, body.filename, body.size)
    return {"upload_id": upload_id, "max_chunk_bytes": MAX_CHUNK_BYTES}


@router.put("/uploads/{upload_id}/chunks/{index}")
async def upload_chunk(
    upload_id: str,
    index: int,
    request: Request,
    _: Principal = Depends(require_instructor),
    container: Container = Depends(get_container),
) -> dict:
    data = bytearray()
    async for piece in request.stream():
        data.extend(piece)
        if len(data) > MAX_CHUNK_BYTES:
            return {"error": "chunk too large"}
    received = await container.uploads.append(upload_id, index, bytes(data))
    return {"received_bytes": received}


@router.post("/uploads/{upload_id}/complete")
async def complete_upload(
    upload_id: str,
    lesson_id: int,
    _: Principal = Depends(require_instructor),
    container: Container = Depends(get_container),
) -> dict:
    source_url = await container.uploads.finalize(upload_id)
    job_id = await container.transcoding.submit(lesson_id, source_url)
    return {"transcode_job_id": job_id}


@router.post("/callbacks", status_code=status.HTTP_204_NO_CONTENT)
async def transcode_callback(
    request: Request,
    x_mediaforge_signature: str = Header(...),
    container: Container = Depends(get_container),
) -> None:
    raw = await request.body()
    container.transcoding.verify_callback(raw, x_mediaforge_signature)
    payload = MediaCallback.model_validate_json(raw)
    await container.transcoding.handle_callback(payload.job_id)


@router.post("/jobs/{external_job_id}/thumbnail")
async def thumbnail(
    external_job_id: str,
    at_second: int = 5,
    _: Principal = Depends(require_instructor),
    container: Container = Depends(get_container),
) -> dict:
    return {"url": await container.transcoding.thumbnail(external_job_id, at_second)}
