from __future__ import annotations

import logging
import re
import secrets

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Creator, Show
from svc.errors import Conflict, Forbidden, NotFound
from svc.repositories.episodes import EpisodeRepository
from svc.repositories.shows import ShowRepository
from svc.services.analytics import AnalyticsQueries
from svc.services.feeds import FeedService
from svc.services.webhooks import WebhookService
from svc.utils.cache import TTLCache

log = logging.getLogger(__name__)

SLUG_RE = re.compile(r"[^a-z0-9]+")
_public_pages: TTLCache[dict] = TTLCache(maxsize=2048, ttl=30.0)


def slugify(title: str) -> str:
    return SLUG_RE.sub("-", title.lower()).strip("-")[:120]


class ShowService:
    def __init__(
        self,
        session: AsyncSession,
        feeds: FeedService,
        webhooks: WebhookService,
        queries: AnalyticsQueries | None = None,
    ) -> None:
        self._session = session
        self._shows = ShowRepository(session)
        self._episodes = EpisodeRepository(session)
        self._feeds = feeds
        self._webhooks = webhooks
        self._queries = queries or AnalyticsQueries()

    async def create(self, creator: Creator, title: str, description: str, category: str) -> Show:
        slug = slugify(title)
        if await self._shows.find_by_slug(slug) is not None:
            raise Conflict(f"slug {slug!r} is taken")
        show = Show(creator_id=creator.id, slug=slug, title=title, description=description, category=category)
        try:
            await self._shows.add(show)
            await self._session.commit()
        except IntegrityError as exc:
            await self._session.rollback()
            raise Conflict(f"slug {slug!r} is taken") from exc
        return show

    async def update(self, creator: Creator, show_id: int, **fields) -> Show:
        show = await self._shows.get(show_id)
        if show is None:
            raise NotFound(f"show {show_id}")
        if show.creator_id != creator.id:
            raise Forbidden("not your show")
        for name in ("title", "description", "category", "explicit", "artwork_url", "language"):
            if fields.get(name) is not None:
                setattr(show, name, fields[name])
        await self._session.commit()
        await self._feeds.invalidate(show.slug)
        await self._webhooks.notify_show_updated(show)
        return show

    async def rotate_private_token(self, creator: Creator, slug: str) -> str:
        show = await self._shows.get_by_slug(slug)
        if show is None or show.creator_id != creator.id:
            raise NotFound(f"show {slug}")
        show.private_feed_token = secrets.token_urlsafe(24)
        await self._session.commit()
        await self._feeds.invalidate(show.slug)
        return show.private_feed_token

    async def studio_episodes(self, creator: Creator, show_id: int, offset: int = 0) -> list[dict]:
        show = await self._shows.get(show_id)
        if show is None or show.creator_id != creator.id:
            raise NotFound(f"show {show_id}")
        episodes = await self._episodes.list_for_show(show.id, offset=offset)
        rows = []
        for ep in episodes:
            asset = await self._episodes.primary_asset(ep.id)
            rows.append(
                {
                    "id": ep.id,
                    "number": ep.number,
                    "title": ep.title,
                    "status": ep.status.value,
                    "published_at": ep.published_at,
                    "audio_ready": asset is not None,
                    "size_bytes": asset.size_bytes if asset else None,
                }
            )
        return rows

    async def public_page(self, slug: str) -> dict:
        page = await _public_pages.get_or_load(slug, lambda: self._load_public_page(slug))
        page["episodes"] = [ep for ep in page["episodes"] if ep["downloads"] or ep["number"] <= 3]
        return page

    async def _load_public_page(self, slug: str) -> dict:
        show = await self._shows.find_by_slug(slug)
        if show is None:
            raise NotFound(f"show {slug}")
        episodes = await self._episodes.published_for_show(show.id, limit=20)
        downloads = await self._queries.show_overview([ep.id for ep in episodes])
        return {
            "title": show.title,
            "description": show.description,
            "artwork_url": show.artwork_url,
            "episodes": [
                {"id": ep.id, "title": ep.title, "number": ep.number, "downloads": downloads.get(ep.id, 0)}
                for ep in episodes
            ],
        }

    async def search(self, term: str) -> list[dict]:
        shows = await self._shows.search(term.strip())
        return [{"slug": s.slug, "title": s.title} for s in shows]
