from __future__ import annotations

import asyncio
import logging

import asyncpg
import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.search import SearchClient
from svc.config import Settings
from svc.db.models import Post, User
from svc.repositories import feed_repo, moderation_repo, posts_repo
from svc.services.notifications import NotificationService
from svc.utils.ratelimit import RedisRateLimiter
from svc.utils.text import extract_hashtags, extract_mentions, MAX_POST_CHARS, normalize

log = logging.getLogger(__name__)

NEW_POSTS_STREAM = "posts:new"
VISIBILITIES = {"public", "followers"}


class PostNotFound(Exception):
    pass


class PostForbidden(Exception):
    pass


class PostService:
    def __init__(
        self,
        session: AsyncSession,
        client: redis.Redis,
        pool: asyncpg.Pool,
        search: SearchClient,
        notifications: NotificationService,
        settings: Settings,
    ) -> None:
        self.session = session
        self.redis = client
        self.pool = pool
        self.search = search
        self.notifications = notifications
        self.settings = settings
        self.limiter = RedisRateLimiter(client, prefix="rl:posts")

    async def create(self, author: User, body: str, media_id: int | None, visibility: str) -> Post:
        await self.limiter.hit(str(author.id), self.settings.rate_limit_posts_per_minute)
        body = normalize(body)
        if not body or len(body) > MAX_POST_CHARS:
            raise ValueError("post body must be 1-2000 characters")
        if visibility not in VISIBILITIES:
            raise ValueError(f"unknown visibility {visibility!r}")

        post = await posts_repo.create(
            self.session, author_id=author.id, body=body, media_id=media_id, visibility=visibility
        )
        await moderation_repo.enqueue(self.session, post_id=post.id)
        await self.session.commit()

        await self.redis.xadd(
            NEW_POSTS_STREAM,
            {"post_id": post.id, "author_id": author.id, "ts": post.created_at.timestamp()},
            maxlen=200_000,
            approximate=True,
        )
        mentions = extract_mentions(body)
        if mentions:
            asyncio.create_task(self.notifications.notify_mentions(author, post.id, mentions))
        await self.search.index_post(
            post.id,
            {"body": body, "hashtags": extract_hashtags(body), "author_id": author.id, "visibility": visibility},
        )
        log.info("post created", extra={"ctx": {"post_id": post.id, "author_id": author.id}})
        return post

    async def get_visible(self, viewer: User | None, post_id: int) -> Post:
        post = await posts_repo.get(self.session, post_id)
        if post is None or post.status != "published":
            raise PostNotFound(post_id)
        return post

    async def delete(self, actor: User, post_id: int) -> None:
        post = await posts_repo.get(self.session, post_id)
        if post is None:
            raise PostNotFound(post_id)
        if post.author_id != actor.id and not actor.is_admin:
            raise PostForbidden(post_id)
        await posts_repo.soft_delete(self.session, post_id)
        await self.session.commit()
        await feed_repo.remove_post_everywhere(self.pool, post_id)
        self.search.delete_post(post_id)
        log.info("post deleted", extra={"ctx": {"post_id": post_id, "actor": actor.id}})
