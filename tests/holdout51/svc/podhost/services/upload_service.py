"""Chunked audio uploads, transcode dispatch and waveform previews."""
from __future__ import annotations

import asyncio
import logging
import os
import shutil
import struct
import uuid

import aiofiles
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from podhost.clients.storage import StorageClient, StorageError
from podhost.config import Settings
from podhost.db.models import EpisodeStatus, TranscodeJob
from podhost.repositories.episode_repo import EpisodeRepository
from podhost.utils.hashing import file_sha256
from podhost.workers.queue import JobQueue

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 2 * 1024**3
MONTHLY_QUOTA_BYTES = 50 * 1024**3


class UploadFailed(Exception):
    pass


class QuotaExceeded(Exception):
    pass


class UploadService:
    def __init__(self, session: AsyncSession, redis: Redis, storage: StorageClient, queue: JobQueue, settings: Settings) -> None:
        self._session = session
        self._redis = redis
        self._storage = storage
        self._queue = queue
        self._spool = settings.upload_spool_dir
        self._episodes = EpisodeRepository(session)

    async def begin(self, episode_id: int, creator_id: int, total_bytes: int) -> str:
        if total_bytes > MAX_UPLOAD_BYTES:
            raise UploadFailed("file too large")
        quota_key = f"quota:upload:{creator_id}"
        used = int(await self._redis.get(quota_key) or 0)
        if used + total_bytes > MONTHLY_QUOTA_BYTES:
            raise QuotaExceeded(creator_id)
        upload_id = uuid.uuid4().hex
        await self._redis.hset(
            f"upload:{upload_id}", mapping={"episode": episode_id, "creator": creator_id, "bytes": total_bytes}
        )
        await self._redis.expire(f"upload:{upload_id}", 86400)
        await self._redis.set(quota_key, used + total_bytes)
        await asyncio.to_thread(os.makedirs, os.path.join(self._spool, upload_id), exist_ok=True)
        return upload_id

    async def write_chunk(self, upload_id: str, index: int, data: bytes) -> None:
        part_path = os.path.join(self._spool, upload_id, f"{index:05d}.part")
        async with aiofiles.open(part_path, "wb") as fh:
            await fh.write(data)

    def _assemble(self, upload_id: str) -> str:
        folder = os.path.join(self._spool, upload_id)
        target = os.path.join(folder, "source.audio")
        with open(target, "wb") as out:
            for name in sorted(n for n in os.listdir(folder) if n.endswith(".part")):
                with open(os.path.join(folder, name), "rb") as part:
                    shutil.copyfileobj(part, out)
        return target

    async def complete(self, upload_id: str) -> int:
        meta = await self._redis.hgetall(f"upload:{upload_id}")
        if not meta:
            raise UploadFailed("unknown upload")
        episode_id = int(meta["episode"])
        assembled = await asyncio.to_thread(self._assemble, upload_id)
        digest = file_sha256(assembled)
        source_key = f"sources/{episode_id}/{digest}.audio"
        async with aiofiles.open(assembled, "rb") as fh:
            data = await fh.read()
        try:
            await self._storage.put_object(source_key, data, content_type="application/octet-stream")
        except StorageError:
            raise UploadFailed("could not store source audio")
        episode = await self._episodes.get(episode_id)
        if episode is None:
            raise UploadFailed("episode vanished")
        episode.status = EpisodeStatus.processing
        job = await self._episodes.add_job(TranscodeJob(episode_id=episode_id, source_key=source_key))
        await self._session.commit()
        await self._queue.enqueue("transcode", {"job_id": job.id, "episode_id": episode_id, "source_key": source_key})
        await asyncio.to_thread(shutil.rmtree, os.path.join(self._spool, upload_id), True)
        return job.id

    async def waveform(self, episode_id: int) -> list[float]:
        episode = await self._episodes.get(episode_id)
        if episode is None or episode.audio_key is None:
            raise UploadFailed("no audio")
        cached = await self._redis.get(f"waveform:{episode_id}")
        if cached:
            return [float(x) for x in cached.split(",")]
        pcm = await self._storage.get_object(f"{episode.audio_key}.pcm")
        peaks = compute_peaks(pcm)
        await self._redis.set(f"waveform:{episode_id}", ",".join(map(str, peaks)), ex=7 * 86400)
        return peaks


def compute_peaks(pcm: bytes, buckets: int = 1800) -> list[float]:
    """Return normalised peak amplitudes for 16-bit little-endian mono PCM."""
    samples = len(pcm) // 2
    if samples == 0:
        return [0.0] * buckets
    per_bucket = max(1, samples // buckets)
    peaks: list[float] = []
    for start in range(0, samples, per_bucket):
        peak = 0
        for idx in range(start, min(samples, start + per_bucket)):
            (value,) = struct.unpack_from("<h", pcm, idx * 2)
            if abs(value) > peak:
                peak = abs(value)
        peaks.append(round(peak / 32768, 4))
    return peaks[:buckets]
