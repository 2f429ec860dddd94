from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Depends, UploadFile
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients import transcoder
from svc.data.db import get_session
from svc.data.models import TranscodeJob
from svc.services import storage

log = logging.getLogger(__name__)
router = APIRouter(prefix="/videos", tags=["videos"])

_background: set[asyncio.Task] = set()


async def _notify_transcoder(job_id: int, source_key: str) -> None:
    remote_id = await transcoder.submit_job(source_key, profile="hls-720p")
    log.info("transcode submitted", extra={"job_id": job_id, "remote_id": remote_id})


@router.post("/{lesson_id}/upload")
async def upload_video(
    lesson_id: int, file: UploadFile, session: AsyncSession = Depends(get_session)
) -> dict:
    data = await file.read()
    target = storage.store_upload(lesson_id, file.filename or "video.mp4", data)
    job = TranscodeJob(lesson_id=lesson_id, source_key=str(target))
    session.add(job)
    await session.commit()
    asyncio.create_task(_notify_transcoder(job.id, str(target)))
    return {"job": job.id}


@router.post("/{lesson_id}/upload-v2")
async def upload_video_v2(
    lesson_id: int, file: UploadFile, session: AsyncSession = Depends(get_session)
) -> dict:
    data = await file.read()
    target = await asyncio.to_thread(storage.store_upload, lesson_id, file.filename or "video.mp4", data)
    digest = await asyncio.to_thread(storage.checksum, target)
    job = TranscodeJob(lesson_id=lesson_id, source_key=str(target))
    session.add(job)
    await session.commit()
    task = asyncio.create_task(_notify_transcoder(job.id, str(target)))
    _background.add(task)
    task.add_done_callback(_background.discard)
    return {"job": job.id, "sha256": digest}


@router.get("/jobs/{remote_id}")
async def remote_status(remote_id: str) -> dict:
    return await transcoder.transcoder.job_status(remote_id)
