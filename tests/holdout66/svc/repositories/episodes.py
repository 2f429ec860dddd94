from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import AudioAsset, Episode, EpisodeStatus, TranscodeJob


class EpisodeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, episode_id: int) -> Episode | None:
        return await self._session.get(Episode, episode_id)

    async def published_for_show(self, show_id: int, limit: int = 300) -> Sequence[Episode]:
        stmt = (
            select(Episode)
            .where(Episode.show_id == show_id, Episode.status == EpisodeStatus.published)
            .order_by(Episode.published_at.desc())
            .limit(limit)
        )
        result = await self._session.execute(stmt)
        return result.scalars().all()

    async def list_for_show(self, show_id: int, offset: int = 0, limit: int = 50) -> Sequence[Episode]:
        stmt = (
            select(Episode)
            .where(Episode.show_id == show_id)
            .order_by(Episode.published_at.desc().nulls_first())
            .offset(offset)
            .limit(limit)
        )
        result = await self._session.execute(stmt)
        return result.scalars().all()

    async def next_number(self, show_id: int) -> int:
        result = await self._session.execute(
            select(func.coalesce(func.max(Episode.number), 0)).where(Episode.show_id == show_id)
        )
        return int(result.scalar_one()) + 1

    async def primary_asset(self, episode_id: int) -> AudioAsset | None:
        result = await self._session.execute(
            select(AudioAsset).where(AudioAsset.episode_id == episode_id, AudioAsset.variant == "mp3_128")
        )
        return result.scalar_one_or_none()

    async def primary_assets(self, episode_ids: Sequence[int]) -> dict[int, AudioAsset]:
        if not episode_ids:
            return {}
        result = await self._session.execute(
            select(AudioAsset).where(AudioAsset.episode_id.in_(episode_ids), AudioAsset.variant == "mp3_128")
        )
        return {asset.episode_id: asset for asset in result.scalars()}

    async def due_for_publish(self, now: dt.datetime) -> Sequence[Episode]:
        stmt = select(Episode).where(
            Episode.status == EpisodeStatus.scheduled, Episode.published_at <= now
        )
        result = await self._session.execute(stmt)
        return result.scalars().all()

    async def mark_published(self, episode_ids: Sequence[int]) -> None:
        await self._session.execute(
            update(Episode).where(Episode.id.in_(episode_ids)).values(status=EpisodeStatus.published)
        )

    async def add(self, episode: Episode) -> Episode:
        self._session.add(episode)
        await self._session.flush()
        return episode

    async def add_asset(self, asset: AudioAsset) -> None:
        self._session.add(asset)
        await self._session.flush()


class TranscodeJobRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def create(self, episode_id: int) -> TranscodeJob:
        job = TranscodeJob(episode_id=episode_id, status="pending")
        self._session.add(job)
        await self._session.flush()
        return job

    async def get(self, job_id: int) -> TranscodeJob | None:
        return await self._session.get(TranscodeJob, job_id)

    async def in_flight(self, limit: int = 100) -> Sequence[TranscodeJob]:
        stmt = (
            select(TranscodeJob)
            .where(TranscodeJob.status.in_(("submitted", "encoding")))
            .order_by(TranscodeJob.updated_at)
            .limit(limit)
        )
        result = await self._session.execute(stmt)
        return result.scalars().all()

    async def set_status(self, job_id: int, status: str, *, external_id: str | None = None, error: str | None = None) -> None:
        values: dict[str, object] = {"status": status}
        if external_id is not None:
            values["external_id"] = external_id
        if error is not None:
            values["error"] = error
        await self._session.execute(update(TranscodeJob).where(TranscodeJob.id == job_id).values(**values))
