"""Publishing: moves an approved article live, refreshes the front page, fans out side effects."""
from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import datetime, timezone

from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ..config import TenantSettings
from ..db.models import Article
from ..repos.articles import ArticleRepository
from ..utils.resilience import article_lock, tenant_lock
from .cdn_purge import Purger
from .syndication import SyndicationService


SLOTS = 40


class FrontPage:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def place(self, tenant_id: str, article: Article) -> None:
        key = f"front:{tenant_id}"
        score = article.published_at.timestamp() if article.published_at else time.time()
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {str(article.id): score})
            pipe.zremrangebyrank(key, 0, -SLOTS - 1)
            await pipe.execute()

    async def pinned(self, tenant_id: str) -> list[int]:
        raw = await self._redis.get(f"front:{tenant_id}:pinned")
        return json.loads(raw) if raw else []

    async def pin(self, tenant_id: str, article_id: int) -> list[int]:
        current = await self.pinned(tenant_id)
        if article_id not in current:
            current.insert(0, article_id)
        await self._redis.set(f"front:{tenant_id}:pinned", json.dumps(current[:5]))
        return current[:5]

    async def ordered(self, tenant_id: str) -> list[int]:
        pinned = await self.pinned(tenant_id)
        rest = [int(x) for x in await self._redis.zrevrange(f"front:{tenant_id}", 0, SLOTS - 1)]
        seen = set(pinned)
        return pinned + [a for a in rest if a not in seen]


log = logging.getLogger(__name__)


class PublishError(RuntimeError):
    pass


class PublishingService:
    def __init__(
        self,
        session: AsyncSession,
        purger: Purger,
        frontpage: FrontPage,
        syndication: SyndicationService,
    ) -> None:
        self.session = session
        self.articles = ArticleRepository(session)
        self.purger = purger
        self.frontpage = frontpage
        self.syndication = syndication
        self._background: set[asyncio.Task] = set()

    async def publish(self, article_id: int, tenant: TenantSettings, *, at: datetime | None = None) -> Article:
        now = datetime.now(timezone.utc)
        async with article_lock(article_id):
            article = await self.articles.get_for_update(article_id)
            if article is None:
                raise PublishError(f"article {article_id} not found")
            if article.status not in ("approved", "scheduled"):
                raise PublishError(f"article {article_id} is {article.status}")
            if article.embargo_until and article.embargo_until > now:
                raise PublishError(f"article {article_id} is embargoed until {article.embargo_until}")
            if at is not None and at > now:
                await self.articles.set_status(article_id, "scheduled", scheduled_for=at)
                await self.session.commit()
                return article
            await self.articles.set_status(article_id, "published", published_at=article.published_at or now)
            await self.session.execute(
                text("INSERT INTO index_outbox (tenant_id, article_id, op) VALUES (:t, :a, 'upsert')"),
                {"t": tenant.tenant_id, "a": article_id},
            )
            await self.session.commit()
            async with tenant_lock(tenant.tenant_id):
                await self.frontpage.place(tenant.tenant_id, article)
        self._spawn(self.after_publish(article, tenant))
        return article

    def _spawn(self, coro) -> None:
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def after_publish(self, article: Article, tenant: TenantSettings) -> None:
        try:
            await self.purger.purge_article(tenant, article)
            await self.syndication.enqueue_for_partners(tenant, article.id)
        except Exception as exc:
            log.exception("post-publish side effects failed for article %s: %s", article.id, exc)

    async def publish_many(self, ids: list[int], tenant: TenantSettings) -> list[int]:
        published = []
        for article_id in ids:
            try:
                await self.publish(article_id, tenant)
                published.append(article_id)
            except Exception:
                continue
        return published
