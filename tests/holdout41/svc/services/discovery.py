from __future__ import annotations

import asyncio
import json
import logging
import math
from datetime import datetime, timedelta, timezone

import asyncpg
import httpx
import redis.asyncio as redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.search import SearchClient
from svc.config import Settings
from svc.db.connections import sessionmaker
from svc.db.models import Post
from svc.repositories import feed_repo, likes_repo, posts_repo, users_repo
from svc.utils import flags
from svc.utils.resilience import CircuitOpenError
from svc.utils.text import extract_hashtags


log = logging.getLogger(__name__)

CURRENT_KEY = "trending:current"
TAGS_KEY = "trending:tags"


def hotness(likes: int, age_hours: float, gravity: float = 1.6) -> float:
    return (likes + 1) / math.pow(age_hours + 2, gravity)


class TrendingService:
    def __init__(self, session: AsyncSession, pool: asyncpg.Pool, client: redis.Redis, settings: Settings) -> None:
        self.session = session
        self.pool = pool
        self.redis = client
        self.settings = settings

    async def compute(self) -> list[dict]:
        now = datetime.now(timezone.utc)
        since = now - timedelta(hours=self.settings.trending_window_hours)
        counts = dict(await likes_repo.counts_since(self.session, since))
        if not counts:
            return []
        candidates = sorted(counts, key=counts.__getitem__, reverse=True)[:2000]
        posts = {p.id: p for p in await posts_repo.get_many(self.session, candidates)}

        scores: dict[int, float] = {}
        for pid in candidates:
            post = posts.get(pid)
            if post is None or post.visibility != "public":
                continue
            age_h = (now - post.created_at).total_seconds() / 3600
            scores[pid] = hotness(counts[pid], age_h)

        ranked = []
        for pid, score in scores.items():
            rank = sorted(scores.values(), reverse=True).index(score)
            ranked.append((rank, pid, score))
        ranked.sort()

        entries = []
        for rank, pid, score in ranked[: self.settings.trending_size]:
            post = posts[pid]
            entries.append(
                {
                    "rank": rank + 1,
                    "post_id": pid,
                    "score": round(score, 4),
                    "likes": counts[pid],
                    "hashtags": extract_hashtags(post.body)[:5],
                }
            )
        return entries

    async def publish(self, entries: list[dict]) -> None:
        tag_counts: dict[str, int] = {}
        for e in entries:
            for tag in e["hashtags"]:
                tag_counts[tag] = tag_counts.get(tag, 0) + 1
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(CURRENT_KEY, json.dumps(entries), ex=self.settings.trending_interval_seconds * 10)
            pipe.delete(TAGS_KEY)
            if tag_counts:
                pipe.zadd(TAGS_KEY, tag_counts)
            await pipe.execute()
        await feed_repo.save_snapshot(self.pool, self.settings.trending_window_hours, entries)

    async def current(self) -> list[dict]:
        raw = await self.redis.get(CURRENT_KEY)
        if raw is None:
            return await feed_repo.latest_snapshot(self.pool)
        return json.loads(raw)

    async def top_tags(self, limit: int = 20) -> list[tuple[str, float]]:
        try:
            return await self.redis.zrevrange(TAGS_KEY, 0, limit - 1, withscores=True)
        except redis.RedisError:
            log.warning("trending tags unavailable", exc_info=True)
            return []


_tag_cache: dict[str, list[int]] = {}


class SearchService:
    def __init__(self, session: AsyncSession, client: SearchClient) -> None:
        self.session = session
        self.client = client

    async def posts(self, term: str, limit: int = 20) -> list[Post]:
        term = term.strip()
        if len(term) < 2:
            return []
        try:
            ids = await self.client.query_posts(term, limit)
        except (CircuitOpenError, httpx.HTTPError) as exc:
            log.warning("search cluster unavailable, using database fallback: %s", exc)
            return list(await posts_repo.search_body(self.session, term))[:limit]
        return await posts_repo.get_many(self.session, ids)

    async def hashtag(self, tag: str, limit: int = 50) -> list[Post]:
        tag = tag.lower().lstrip("#")
        ids = _tag_cache.get(tag)
        if ids is None:
            ids = await self.client.query_posts(f"#{tag}", limit)
            _tag_cache[tag] = ids
        return await posts_repo.get_many(self.session, ids)

    async def users(self, prefix: str, limit: int = 10) -> list[dict]:
        users = await users_repo.search_prefix(self.session, prefix, limit)
        return [users_repo.to_public(u) for u in users]

    async def recent_public(self, limit: int = 20) -> list[Post]:
        stmt = (
            select(Post)
            .where(Post.visibility == "public", Post.deleted_at.is_(None))
            .order_by(Post.created_at.desc())
            .limit(limit)
        )
        return list((await self.session.scalars(stmt)).all())


async def refresh_trending(pool: asyncpg.Pool, client: redis.Redis, settings: Settings) -> int:
    async with sessionmaker()() as session:
        service = TrendingService(session, pool, client, settings)
        entries = await service.compute()
        await service.publish(entries)
    await feed_repo.prune(pool)
    log.info("trending refreshed", extra={"ctx": {"entries": len(entries)}})
    return len(entries)


async def run_trending(pool: asyncpg.Pool, client: redis.Redis, settings: Settings) -> None:
    while True:
        if flags.is_enabled("trending_enabled"):
            try:
                await refresh_trending(pool, client, settings)
            except Exception:
                log.exception("trending refresh failed")
        await asyncio.sleep(settings.trending_interval_seconds)
