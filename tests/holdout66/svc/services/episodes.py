from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Episode, EpisodeStatus, Show
from svc.errors import Conflict, Forbidden, NotFound
from svc.repositories.episodes import EpisodeRepository
from svc.repositories.shows import ShowRepository
from svc.services.feeds import FeedService
from svc.services.webhooks import WebhookService

log = logging.getLogger(__name__)

EDITABLE_STATUSES = {EpisodeStatus.draft, EpisodeStatus.scheduled}


class EpisodeService:
    def __init__(self, session: AsyncSession, feeds: FeedService, webhooks: WebhookService) -> None:
        self._session = session
        self._episodes = EpisodeRepository(session)
        self._shows = ShowRepository(session)
        self._feeds = feeds
        self._webhooks = webhooks
        self._background: set[asyncio.Task] = set()

    async def _owned_show(self, creator_id: int, show_id: int) -> Show:
        show = await self._shows.get(show_id)
        if show is None:
            raise NotFound(f"show {show_id}")
        if show.creator_id != creator_id:
            raise Forbidden("not your show")
        return show

    async def create(self, creator_id: int, show_id: int, title: str, summary: str) -> Episode:
        show = await self._owned_show(creator_id, show_id)
        number = await self._episodes.next_number(show.id)
        episode = Episode(
            show_id=show.id,
            number=number,
            guid=uuid.uuid4().hex,
            title=title.strip(),
            summary=summary,
        )
        await self._episodes.add(episode)
        await self._session.commit()
        return episode

    async def update(self, creator_id: int, episode_id: int, **fields) -> Episode:
        episode = await self._episodes.get(episode_id)
        if episode is None:
            raise NotFound(f"episode {episode_id}")
        await self._owned_show(creator_id, episode.show_id)
        if episode.status == EpisodeStatus.draft or EpisodeStatus.scheduled:
            for name in ("title", "summary", "ad_slots"):
                if name in fields and fields[name] is not None:
                    setattr(episode, name, fields[name])
        else:
            raise Conflict("published episodes can only be archived")
        await self._session.commit()
        return episode

    async def schedule(self, creator_id: int, episode_id: int, when: dt.datetime) -> Episode:
        episode = await self._episodes.get(episode_id)
        if episode is None:
            raise NotFound(f"episode {episode_id}")
        await self._owned_show(creator_id, episode.show_id)
        if episode.status not in EDITABLE_STATUSES:
            raise Conflict(f"cannot schedule an episode in state {episode.status.value}")
        if when.tzinfo is None:
            raise Conflict("schedule time must be timezone-aware")
        episode.status = EpisodeStatus.scheduled
        episode.published_at = when
        await self._session.commit()
        return episode

    async def publish(self, creator_id: int, episode_id: int) -> Episode:
        episode = await self._episodes.get(episode_id)
        if episode is None:
            raise NotFound(f"episode {episode_id}")
        show = await self._owned_show(creator_id, episode.show_id)
        if episode.status not in EDITABLE_STATUSES:
            raise Conflict(f"cannot publish an episode in state {episode.status.value}")
        episode.status = EpisodeStatus.published
        episode.published_at = dt.datetime.now(dt.timezone.utc)
        await self._session.commit()

        self._feeds.invalidate(show.slug)
        asyncio.create_task(self._webhooks.notify_episode_published(show, episode))
        log.info("episode %s published on show %s", episode.id, show.slug)
        return episode

    async def publish_due(self, now: dt.datetime) -> Sequence[int]:
        due = await self._episodes.due_for_publish(now)
        ids = [ep.id for ep in due]
        if not ids:
            return []
        await self._episodes.mark_published(ids)
        await self._session.commit()
        slugs = {ep.show_id for ep in due}
        shows = await self._shows.list_with_creators(list(slugs))
        for show in shows:
            await self._feeds.invalidate(show.slug)
        for ep in due:
            show = next(s for s in shows if s.id == ep.show_id)
            task = asyncio.create_task(self._webhooks.notify_episode_published(show, ep))
            self._background.add(task)
            task.add_done_callback(self._background.discard)
        return ids

    async def archive(self, creator_id: int, episode_id: int) -> None:
        episode = await self._episodes.get(episode_id)
        if episode is None:
            raise NotFound(f"episode {episode_id}")
        show = await self._owned_show(creator_id, episode.show_id)
        episode.status = EpisodeStatus.archived
        await self._session.commit()
        await self._feeds.invalidate(show.slug)
