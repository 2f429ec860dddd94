from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients import storage
from svc.clients.encoder import EncodeStatus, EncoderClient
from svc.db.models import AudioAsset, EpisodeStatus
from svc.errors import EncoderError, NotFound
from svc.repositories.episodes import EpisodeRepository, TranscodeJobRepository

log = logging.getLogger(__name__)

PROFILES = ["mp3_128", "mp3_64", "aac_96"]
MAX_ATTEMPTS = 3

_submit_lock = asyncio.Lock()


class TranscodingService:
    def __init__(self, session: AsyncSession, encoder: EncoderClient) -> None:
        self._session = session
        self._jobs = TranscodeJobRepository(session)
        self._episodes = EpisodeRepository(session)
        self._encoder = encoder

    async def start(self, episode_id: int, local_path: str) -> int:
        episode = await self._episodes.get(episode_id)
        if episode is None:
            raise NotFound(f"episode {episode_id}")
        key = f"sources/{episode.show_id}/{episode_id}/{local_path.rsplit('/', 1)[-1]}"
        source_url = await asyncio.to_thread(storage.put_object, key, local_path, "application/octet-stream")
        job = await self._jobs.create(episode_id)
        episode.status = EpisodeStatus.processing
        await self._session.commit()

        async with _submit_lock:
            external_id = await self._encoder.submit(source_url, episode_id, PROFILES)
        await self._jobs.set_status(job.id, "submitted", external_id=external_id)
        await self._session.commit()
        log.info("transcode job %s submitted as %s", job.id, external_id)
        return job.id

    async def apply_status(self, job_id: int, status: EncodeStatus) -> None:
        job = await self._jobs.get(job_id)
        if job is None:
            return
        if status.state == "completed":
            for variant, output in status.outputs.items():
                await self._episodes.add_asset(
                    AudioAsset(
                        episode_id=job.episode_id,
                        variant=variant,
                        url=output["url"],
                        size_bytes=int(output["size"]),
                        mime_type=output.get("mime", "audio/mpeg"),
                    )
                )
            episode = await self._episodes.get(job.episode_id)
            if episode is not None and episode.status == EpisodeStatus.processing:
                episode.status = EpisodeStatus.draft
            await self._jobs.set_status(job_id, "completed")
        elif status.state == "failed":
            job.attempts += 1
            if job.attempts < MAX_ATTEMPTS:
                await self._jobs.set_status(job_id, "pending", error=status.error)
            else:
                await self._jobs.set_status(job_id, "failed", error=status.error)
                log.error("transcode job %s failed permanently: %s", job_id, status.error)
        else:
            await self._jobs.set_status(job_id, status.state)
        await self._session.commit()

    async def cancel(self, job_id: int) -> None:
        job = await self._jobs.get(job_id)
        if job is None or job.external_id is None:
            raise NotFound(f"job {job_id}")
        try:
            await self._encoder.cancel(job.external_id)
        except EncoderError as exc:
            log.warning("cancel of %s failed: %s", job.external_id, exc)
        await self._jobs.set_status(job_id, "cancelled")
        await self._session.commit()
