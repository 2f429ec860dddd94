"""Submitting lesson videos for transcoding and tracking the jobs."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from dataclasses import dataclass

from svc.clients.media import MediaApiClient
from svc.config import Settings
from svc.errors import ConflictError, InvalidSignatureError, NotFoundError
from svc.repositories.media import TranscodeJobRepository

logger = logging.getLogger(__name__)

DEFAULT_PROFILE = "hls-1080p-720p-480p"


@dataclass(slots=True)
class LessonMediaStatus:
    lesson_id: int
    status: str
    output_url: str | None


class TranscodingService:
    def __init__(self, settings: Settings, media: MediaApiClient, jobs: TranscodeJobRepository) -> None:
        self._settings = settings
        self._media = media
        self._jobs = jobs
        self._submit_lock = asyncio.Lock()
        self._inflight: set[int] = set()

    async def submit(self, lesson_id: int, source_url: str) -> int:
        callback = f"{self._settings.public_base_url}/api/media/callbacks"
        async with self._submit_lock:
            if lesson_id in self._inflight:
                raise ConflictError(f"lesson {lesson_id} is already being transcoded")
            self._inflight.add(lesson_id)
            job = await self._media.create_job(source_url, DEFAULT_PROFILE, callback)
        try:
            return await self._jobs.create(lesson_id, job.id)
        finally:
            self._inflight.discard(lesson_id)

    async def lesson_statuses(self, lesson_ids: list[int]) -> list[LessonMediaStatus]:
        jobs = await self._jobs.latest_for_lessons(lesson_ids)
        statuses: list[LessonMediaStatus] = []
        for job in jobs:
            if job["status"] in ("ready", "failed"):
                statuses.append(LessonMediaStatus(job["lesson_id"], job["status"], None))
                continue
            remote = await self._media.get_job(job["external_job_id"])
            statuses.append(LessonMediaStatus(job["lesson_id"], remote.status, remote.output_url))
        return statuses

    async def refresh_pending(self) -> int:
        pending = await self._jobs.pending(limit=200)
        if not pending:
            return 0
        by_external = {row["external_job_id"]: row["id"] for row in pending}
        remote_jobs = await self._media.list_jobs(list(by_external))
        updates = [(by_external[j.id], j.status, j.output_url) for j in remote_jobs if j.id in by_external]
        await self._jobs.set_statuses(updates)
        return len(updates)

    def verify_callback(self, body: bytes, signature: str) -> None:
        expected = hmac.new(self._settings.media_callback_secret.encode(), body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, signature):
            raise InvalidSignatureError("bad media callback signature")

    async def handle_callback(self, external_job_id: str) -> None:
        job = await self._jobs.by_external_id(external_job_id)
        if job is None:
            raise NotFoundError("transcode job", external_job_id)
        remote = await self._media.get_job_status(external_job_id)
        await self._jobs.set_status(job["id"], remote.status, remote.output_url)

    async def thumbnail(self, external_job_id: str, at_second: int) -> str:
        return await self._media.request_thumbnail(external_job_id, at_second)
