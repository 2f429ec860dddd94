"""RSS feed generation and caching."""
from __future__ import annotations

import asyncio
import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from podhost.cache.memo import SingleFlight
from podhost.config import Settings
from podhost.db.models import Episode, Show
from podhost.repositories.episode_repo import EpisodeRepository
from podhost.repositories.show_repo import ShowRepository
from podhost.utils.hashing import feed_token
from podhost.utils.rss import render_feed


class FeedCache:
    def __init__(self, redis: Redis, ttl: int) -> None:
        self._redis = redis
        self._ttl = ttl

    @staticmethod
    def key(show_id: int) -> str:
        return f"feed:public:{show_id}"

    async def get(self, show_id: int) -> str | None:
        return await self._redis.get(self.key(show_id))

    async def put(self, show_id: int, xml: str) -> None:
        await self._redis.set(self.key(show_id), xml, ex=self._ttl)

    async def drop(self, show_id: int) -> None:
        await self._redis.delete(self.key(show_id), f"feed:etag:{show_id}")


log = logging.getLogger(__name__)


class FeedNotFound(Exception):
    pass


class FeedService:
    def __init__(self, redis: Redis, settings: Settings) -> None:
        self._redis = redis
        self._settings = settings
        self._cache = FeedCache(redis, settings.feed_cache_ttl)
        self._lock = asyncio.Lock()
        self._flight = SingleFlight()

    def _enclosure(self, show: Show, subscriber: str | None = None):
        base = f"{self._settings.cdn_base_url}/e"

        def _url(episode: Episode) -> str:
            url = f"{base}/{episode.id}/{show.slug}-{episode.slug}.mp3"
            if subscriber:
                url += f"?sub={subscriber}"
            return url

        return _url

    async def _render(self, session: AsyncSession, show: Show, subscriber: str | None = None) -> str:
        episodes = await EpisodeRepository(session).published_for_feed(show.id)
        self_url = f"{self._settings.cdn_base_url}/feeds/{show.slug}.xml"
        return await asyncio.to_thread(render_feed, show, episodes, self._enclosure(show, subscriber), self_url)

    async def public_feed(self, session: AsyncSession, slug: str) -> str:
        show = await ShowRepository(session).get_by_slug(slug)
        if show is None or show.is_private:
            raise FeedNotFound(slug)
        try:
            cached = await self._cache.get(show.id)
        except RedisError:
            log.warning("feed cache unavailable for show %s; rendering from database", show.id)
            cached = None
        if cached is not None:
            return cached
        xml = await self._flight.do(f"public:{show.id}", lambda: self._render(session, show))
        try:
            await self._cache.put(show.id, xml)
        except RedisError:
            log.warning("could not cache feed for show %s", show.id)
        return xml

    async def private_feed(self, session: AsyncSession, slug: str, subscriber: str, token: str) -> str:
        show = await ShowRepository(session).get_by_slug(slug)
        if show is None or not show.is_private:
            raise FeedNotFound(slug)
        expected = feed_token(show.id, subscriber, self._settings.feed_token_secret)
        if expected != token:
            raise FeedNotFound(slug)
        cached = await self._redis.get(f"feed:private:{show.id}")
        if cached:
            return cached
        xml = await self._render(session, show, subscriber)
        await self._redis.set(f"feed:private:{show.id}", xml)
        return xml

    async def rebuild(self, session: AsyncSession, show_id: int) -> None:
        async with self._lock:
            show = await ShowRepository(session).get(show_id)
            if show is None or show.is_private:
                return
            xml = await self._render(session, show)
            await self._cache.put(show.id, xml)

    async def invalidate(self, session: AsyncSession, show_id: int, warm: bool = True) -> None:
        async with self._lock:
            await self._cache.drop(show_id)
            await self._redis.delete(f"feed:private:{show_id}")
            if warm:
                await self.rebuild(session, show_id)
