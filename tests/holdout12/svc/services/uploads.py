"""Chunked video uploads and handoff to the transcoder."""
import asyncio
import hashlib
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

from svc.clients.media import StorageClient, TranscoderClient
from svc.clients.notify import PushClient
from svc.config import Settings
from svc.errors import NotFound, UploadRejected
from svc.media import probe_duration, write_scratch
from svc.repositories import VideoRepository
from svc.services.subscriptions import FollowerLookup

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024


@dataclass
class UploadProgress:
    creator_id: uuid.UUID
    title: str
    expected_bytes: int
    received_bytes: int = 0
    started_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


_ACTIVE_UPLOADS: dict[str, UploadProgress] = {}


def active_upload_count() -> int:
    return len(_ACTIVE_UPLOADS)


class UploadService:
    def __init__(
        self,
        videos: VideoRepository,
        storage: StorageClient,
        transcoder: TranscoderClient,
        push: PushClient,
        follower_ids: FollowerLookup,
        settings: Settings,
    ) -> None:
        self._videos = videos
        self._storage = storage
        self._transcoder = transcoder
        self._push = push
        self._followers = follower_ids
        self._settings = settings
        self._chunks: dict[str, list[bytes]] = {}
        self._notify_limit = asyncio.Semaphore(settings.notify_concurrency)

    async def start(self, creator_id: uuid.UUID, title: str, size: int) -> str:
        if size > MAX_UPLOAD_BYTES:
            raise UploadRejected("file too large", size=size)
        upload_id = uuid.uuid4().hex
        _ACTIVE_UPLOADS[upload_id] = UploadProgress(creator_id=creator_id, title=title, expected_bytes=size)
        return upload_id

    async def append_chunk(self, upload_id: str, data: bytes) -> int:
        progress = _ACTIVE_UPLOADS.get(upload_id)
        if progress is None:
            raise NotFound("unknown upload", upload_id=upload_id)
        self._chunks.setdefault(upload_id, []).append(data)
        progress.received_bytes += len(data)
        return progress.received_bytes

    async def complete(self, upload_id: str, expected_sha256: str) -> uuid.UUID:
        progress = _ACTIVE_UPLOADS.pop(upload_id, None)
        if progress is None:
            raise NotFound("unknown upload", upload_id=upload_id)
        data = b"".join(self._chunks.pop(upload_id, []))
        if hashlib.sha256(data).hexdigest() != expected_sha256:
            raise UploadRejected("checksum mismatch", upload_id=upload_id)
        path = await asyncio.to_thread(write_scratch, self._settings.upload_scratch_dir, f"{upload_id}.mp4", data)
        duration = probe_duration(path)
        key = f"sources/{progress.creator_id}/{upload_id}.mp4"
        await asyncio.to_thread(self._storage.upload_file, path, key)
        video_id = await self._videos.create(progress.creator_id, progress.title, key, duration)
        job_id = await self._transcoder.submit_job(video_id, key)
        logger.info("transcode submitted", extra={"video_id": str(video_id), "job_id": job_id})
        asyncio.create_task(self._notify_followers(progress.creator_id, video_id, progress.title))
        return video_id

    async def _notify_followers(self, creator_id: uuid.UUID, video_id: uuid.UUID, title: str) -> None:
        follower_ids = await self._followers(creator_id)

        async def one(user_id: uuid.UUID) -> None:
            async with self._notify_limit:
                await self._push.send(user_id, "New video", title, f"streamhub://videos/{video_id}")

        await asyncio.gather(*(one(u) for u in follower_ids), return_exceptions=True)

