from __future__ import annotations

import logging
import time

import asyncpg

from ..clients.storage import ObjectStorage
from ..core.errors import StorageError
from ..repositories.submissions import SubmissionRepository
from ..core import pdf

log = logging.getLogger(__name__)

MAX_CAMERA_READY_BYTES = 25 * 1024 * 1024


class CameraReadyService:
    def __init__(self, storage: ObjectStorage, repo: SubmissionRepository) -> None:
        self.storage = storage
        self.repo = repo

    async def upload(self, submission: asyncpg.Record, data: bytes, copyright_signed: bool) -> str:
        problem = None
        if submission["decision"] != "accept":
            problem = "only accepted papers can upload a camera-ready version"
        elif not copyright_signed:
            problem = "the copyright form must be signed first"
        elif len(data) > MAX_CAMERA_READY_BYTES or not pdf.looks_like_pdf(data[:8]):
            problem = "camera-ready must be a PDF under 25 MB"
        if problem is not None:
            raise CameraReadyError(problem)

        key = f"camera-ready/{submission['track_id']}/{submission['number']}.pdf"
        for attempt in range(3):
            try:
                await self.storage.put_object(key, data)
                break
            except StorageError:
                if attempt == 2:
                    raise
                log.warning("camera-ready upload retry %d for %s", attempt + 1, key)
                time.sleep(2**attempt)
        await self.repo.set_camera_ready(submission["id"], key)
        return key

    async def download_url(self, submission: asyncpg.Record) -> str | None:
        key = await self.repo.camera_ready_for(submission["id"])
        return self.storage.presigned_get(key) if key else None
