"""Lifts embargoes: articles approved under embargo go live at embargo_until."""
from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import datetime

from sqlalchemy import select

from ..db.connections import sessionmaker
from ..db.models import Article
from ..services.publishing import FrontPage
from ..utils.resilience import RedisLock, article_lock, tenant_lock

log = logging.getLogger(__name__)


class EmbargoWorker:
    def __init__(self, redis, frontpage: FrontPage, interval: float = 10.0) -> None:
        self.redis = redis
        self.frontpage = frontpage
        self.interval = interval
        self.lock = RedisLock(redis, "embargo", ttl_ms=60_000)

    async def lift_for_tenant(self, tenant_id: str, articles: list[Article]) -> int:
        lifted = 0
        async with tenant_lock(tenant_id):
            async with sessionmaker()() as session:
                for article in articles:
                    async with article_lock(article.id):
                        row = await session.get(Article, article.id, with_for_update=True)
                        if row is None or row.status != "approved":
                            continue
                        row.status = "published"
                        row.published_at = row.embargo_until
                        row.embargo_until = None
                        await session.commit()
                        await self.frontpage.place(tenant_id, row)
                        lifted += 1
        return lifted

    async def tick(self) -> int:
        now = datetime.now(timezone.utc)
        async with sessionmaker()() as session:
            stmt = (
                select(Article)
                .where(Article.embargo_until.is_not(None), Article.embargo_until <= now)
                .where(Article.status == "approved")
                .limit(200)
            )
            due = (await session.execute(stmt)).scalars().all()
        by_tenant: dict[str, list[Article]] = {}
        for a in due:
            by_tenant.setdefault(a.tenant_id, []).append(a)
        total = 0
        for tenant_id, articles in by_tenant.items():
            total += await self.lift_for_tenant(tenant_id, articles)
        return total

    async def run(self) -> None:
        token = f"embargo-{uuid.uuid4().hex}"
        while True:
            try:
                if await self.lock.acquire(token):
                    try:
                        lifted = await self.tick()
                        if lifted:
                            log.info("lifted %d embargoes", lifted)
                    finally:
                        await self.lock.release()
            except Exception:
                log.exception("embargo tick failed")
            await asyncio.sleep(self.interval)
