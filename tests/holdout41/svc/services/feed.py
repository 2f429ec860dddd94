"""Home feed: push model for regular accounts, pull model for high-follower accounts."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence

import asyncpg
import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache.profile_cache import ProfileCache
from svc.config import Settings
from svc.repositories import feed_repo, follow_repo, likes_repo, posts_repo
from svc.utils.text import paginate


log = logging.getLogger(__name__)

FEED_PAGE_TTL = 15


def feed_score(created_ts: float, author_boost: float = 0.0) -> float:
    # Monotonic in time so the feed is chronological unless a boost is applied.
    return created_ts + author_boost * 3600


def chunks(items: Sequence[int], size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]


class FeedService:
    def __init__(
        self,
        session: AsyncSession,
        pool: asyncpg.Pool,
        client: redis.Redis,
        profiles: ProfileCache,
        settings: Settings,
    ) -> None:
        self.session = session
        self.pool = pool
        self.redis = client
        self.profiles = profiles
        self.settings = settings

    async def fan_out(self, post_id: int, author_id: int, created_ts: float) -> int:
        followers = await follow_repo.follower_ids(self.session, author_id)
        if len(followers) >= self.settings.celebrity_follower_threshold:
            await self.redis.sadd("feed:celebrities", author_id)
            return 0
        score = feed_score(created_ts)
        for batch in chunks(followers, self.settings.fanout_batch_size):
            await feed_repo.push_bulk(self.pool, batch, post_id, author_id, score)
        return len(followers)

    async def backfill_on_follow(self, follower_id: int, followee_id: int) -> None:
        recent = await posts_repo.list_by_author(self.session, followee_id, before=None, limit=50)
        for post in recent:
            await feed_repo.push(self.pool, follower_id, post.id, followee_id, feed_score(post.created_at.timestamp()))

    async def drop_author(self, follower_id: int, followee_id: int) -> None:
        await feed_repo.remove_author(self.pool, follower_id, followee_id)

    async def _celebrity_posts(self, user_id: int, limit: int) -> list:
        celebs = {int(x) for x in await self.redis.smembers("feed:celebrities")}
        if not celebs:
            return []
        followed = await follow_repo.following_among(self.session, user_id, list(celebs))
        if not followed:
            return []
        return list(await posts_repo.recent_by_authors(self.session, list(followed), limit))

    async def home(self, user_id: int, cursor: str | None, limit: int) -> dict:
        cache_key = f"feed:page:{cursor or 'head'}:{limit}"
        cached = await self.redis.get(cache_key)
        if cached is not None:
            return json.loads(cached)

        before = float(cursor) if cursor else None
        rows = await feed_repo.page(self.pool, user_id, before, limit)
        items, next_cursor, has_more = paginate(rows, limit, lambda r: repr(r["score"]))
        posts = await posts_repo.get_many(self.session, [r["post_id"] for r in items])
        if cursor is None:
            posts = sorted(
                posts + await self._celebrity_posts(user_id, limit),
                key=lambda p: p.created_at,
                reverse=True,
            )[:limit]

        liked = await likes_repo.liked_by(self.session, user_id, [p.id for p in posts])
        entries = []
        for post in posts:
            author = await self.profiles.get(self.session, post.author_id)
            entries.append(
                {
                    "id": post.id,
                    "body": post.body,
                    "author": author,
                    "like_count": post.like_count,
                    "comment_count": post.comment_count,
                    "liked": post.id in liked,
                    "created_at": post.created_at.isoformat(),
                }
            )
        page = {"items": entries, "next_cursor": next_cursor, "has_more": has_more, "generated_at": time.time()}
        await self.redis.set(cache_key, json.dumps(page), ex=FEED_PAGE_TTL)
        return page
