"""RSS feed generation with a redis-backed cache."""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import settings
from svc.errors import Forbidden, NotFound
from svc.repositories.episodes import EpisodeRepository
from svc.repositories.shows import ShowRepository
from svc.utils.rss import render_feed

log = logging.getLogger(__name__)

FEED_KEY = "feed:v3:{slug}"


class FeedService:
    def __init__(self, session: AsyncSession, redis: Redis) -> None:
        self._shows = ShowRepository(session)
        self._episodes = EpisodeRepository(session)
        self._redis = redis

    async def get_feed(self, slug: str, token: str | None = None) -> tuple[bytes, str]:
        key = FEED_KEY.format(slug=slug)
        try:
            cached = await self._redis.get(key)
        except RedisError as exc:
            log.warning("feed cache unavailable, rendering %s directly: %s", slug, exc)
            cached = None
        if cached is not None:
            body = cached.encode() if isinstance(cached, str) else cached
            return body, hashlib.md5(body).hexdigest()

        show = await self._shows.find_by_slug(slug)
        if show is None:
            raise NotFound(f"show {slug}")
        include_private = False
        if show.private_feed_token:
            if token != show.private_feed_token:
                raise Forbidden("this feed requires a token")
            include_private = True

        body = await self._render(show, include_private)
        try:
            await self._redis.set(key, body, ex=settings.feed_cache_ttl_seconds)
        except RedisError as exc:
            log.warning("could not cache feed %s: %s", slug, exc)
        return body, hashlib.md5(body).hexdigest()

    async def _render(self, show, include_private: bool) -> bytes:
        episodes = await self._episodes.published_for_show(show.id)
        assets = await self._episodes.primary_assets([ep.id for ep in episodes])
        items = []
        for ep in episodes:
            if not include_private and "bonus" in (ep.ad_slots or ""):
                continue
            asset = assets.get(ep.id)
            items.append(
                {
                    "title": ep.title,
                    "guid": ep.guid,
                    "summary": ep.summary,
                    "published_at": ep.published_at,
                    "duration_seconds": ep.duration_seconds,
                    "number": ep.number,
                    "enclosure_url": f"{settings.public_base_url}/e/{ep.id}.mp3" if asset else None,
                    "enclosure_length": asset.size_bytes if asset else 0,
                    "enclosure_type": asset.mime_type if asset else "audio/mpeg",
                }
            )
        show_dict = {
            "title": show.title,
            "slug": show.slug,
            "description": show.description,
            "language": show.language,
            "explicit": show.explicit,
            "category": show.category,
            "artwork_url": show.artwork_url,
        }
        return render_feed(show_dict, items, settings.public_base_url)

    async def invalidate(self, slug: str) -> None:
        await self._redis.delete(FEED_KEY.format(slug=slug))

    async def write_snapshot(self, slug: str) -> Path:
        body, _ = await self.get_feed(slug)
        path = Path(settings.feed_snapshot_dir) / f"{slug}.xml"
        path.write_bytes(body)
        return path
