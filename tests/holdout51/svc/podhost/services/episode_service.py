"""Episode lifecycle: drafts, publishing, scheduling, chapters."""
from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import datetime, timezone

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from podhost.db.models import Chapter, Episode, EpisodeStatus
from podhost.repositories.episode_repo import EpisodeRepository
from podhost.repositories.show_repo import ShowRepository
from podhost.services.directory_webhooks import DirectoryNotifier
from podhost.services.feed_service import FeedService

log = logging.getLogger(__name__)


class EpisodeNotFound(Exception):
    pass


class EpisodeService:
    def __init__(self, session: AsyncSession, redis: Redis, feeds: FeedService, notifier: DirectoryNotifier) -> None:
        self._session = session
        self._redis = redis
        self._repo = EpisodeRepository(session)
        self._shows = ShowRepository(session)
        self._feeds = feeds
        self._notifier = notifier

    async def create_draft(self, show_id: int, title: str, slug: str, summary: str) -> Episode:
        episode = Episode(
            show_id=show_id, title=title, slug=slug, summary=summary,
            guid=f"podhost-{uuid.uuid4()}", status=EpisodeStatus.draft,
        )
        self._session.add(episode)
        await self._session.commit()
        return episode

    async def get(self, episode_id: int) -> Episode:
        episode = await self._repo.get(episode_id)
        if episode is None:
            raise EpisodeNotFound(episode_id)
        return episode

    async def publish(self, episode_id: int, at: datetime | None = None) -> Episode:
        episode = await self.get(episode_id)
        if episode.audio_key is None:
            raise ValueError("episode has no processed audio")
        now = datetime.now(timezone.utc)
        if at is not None and at > now:
            episode.status = EpisodeStatus.scheduled
            episode.published_at = at
            await self._session.commit()
            return episode
        episode.status = EpisodeStatus.published
        episode.published_at = now
        await self._session.commit()
        await self._feeds.invalidate(self._session, episode.show_id)
        asyncio.create_task(self._notifier.episode_published(episode.show_id, episode.id))
        return episode

    async def resolve_guid(self, guid: str) -> Episode:
        episode = await self._repo.get_by_guid(guid)
        if episode is None:
            raise EpisodeNotFound(guid)
        return episode

    async def set_chapters(self, episode_id: int, chapters: list[tuple[int, str]]) -> None:
        episode = await self.get(episode_id)
        episode.chapters = [Chapter(start_seconds=start, title=title) for start, title in sorted(chapters)]
        await self._session.commit()

    async def export_chapters(self, show_id: int) -> dict[str, list[dict]]:
        episodes = await self._repo.list_for_show(show_id, limit=500)
        out: dict[str, list[dict]] = {}
        for episode in episodes:
            chapters = await self._repo.chapters_for(episode.id)
            out[episode.guid] = [{"start": c.start_seconds, "title": c.title} for c in chapters]
        return out

    async def delete(self, episode_id: int) -> None:
        episode = await self.get(episode_id)
        show_id = episode.show_id
        await self._session.delete(episode)
        await self._session.commit()
        self._redis.delete(f"feed:public:{show_id}", f"feed:private:{show_id}")
        log.info("episode %s deleted from show %s", episode_id, show_id)
