"""Show management."""
from __future__ import annotations

import contextlib
import logging
import re

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from podhost.db.models import Show
from podhost.repositories.show_repo import ShowRepository
from podhost.services.feed_service import FeedService

log = logging.getLogger(__name__)

_SLUG_RE = re.compile(r"[^a-z0-9]+")


class SlugTaken(Exception):
    pass


def slugify(title: str) -> str:
    return _SLUG_RE.sub("-", title.lower()).strip("-")[:120]


class ShowService:
    def __init__(self, session: AsyncSession, feeds: FeedService) -> None:
        self._session = session
        self._repo = ShowRepository(session)
        self._feeds = feeds

    async def create(self, creator_id: int, title: str, description: str, category: str, private: bool) -> Show:
        slug = slugify(title)
        if await self._repo.get_by_slug(slug) is not None:
            raise SlugTaken(slug)
        show = Show(
            creator_id=creator_id, slug=slug, title=title, description=description,
            category=category, is_private=private,
        )
        try:
            await self._repo.add(show)
            await self._session.commit()
        except IntegrityError as exc:
            await self._session.rollback()
            raise SlugTaken(slug) from exc
        return show

    async def dashboard(self, creator_id: int) -> list[dict]:
        shows = await self._repo.list_for_creator(creator_id)
        rows = []
        for show in shows:
            episode_count = await self._repo.count_episodes(show.id)
            rows.append(
                {
                    "id": show.id,
                    "slug": show.slug,
                    "title": show.title,
                    "episodes": episode_count,
                    "downloads": show.total_downloads,
                }
            )
        return rows

    async def directory_listing(self, term: str) -> list[dict]:
        shows = await self._repo.search(term)
        counts = await self._repo.episode_counts([s.id for s in shows])
        return [
            {"slug": s.slug, "title": s.title, "category": s.category, "episodes": counts.get(s.id, 0)}
            for s in shows
        ]

    async def update(self, show_id: int, creator_id: int, changes: dict) -> Show | None:
        show = await self._repo.get(show_id)
        if show is None or show.creator_id != creator_id:
            return None
        for field_name in ("title", "description", "category", "explicit", "artwork_url", "language"):
            if field_name in changes:
                setattr(show, field_name, changes[field_name])
        await self._session.commit()
        with contextlib.suppress(Exception):
            await self._feeds.invalidate(self._session, show.id)
        return show
