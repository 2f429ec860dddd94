"""Pushes pending syndication deliveries to partners."""
from __future__ import annotations

import asyncio
import json
import logging

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from ..clients.partners import PartnerClient, PartnerRejected
from ..config import Settings
from ..db.models import Article
from ..repos.syndication import SyndicationRepository

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


class SyndicationPusher:
    def __init__(self, settings: Settings, repo: SyndicationRepository, client: PartnerClient) -> None:
        self.settings = settings
        self.repo = repo
        self.client = client

    async def _load_articles(self, ids: list[int]) -> dict[int, Article]:
        engine = create_async_engine(self.settings.database_url, pool_size=2)
        async with async_sessionmaker(engine)() as session:
            rows = (await session.execute(select(Article).where(Article.id.in_(ids)))).scalars().all()
        return {a.id: a for a in rows}

    @staticmethod
    def _payload(article: Article, fmt: str) -> tuple[bytes, str]:
        doc = {
            "id": article.id,
            "title": article.title,
            "standfirst": article.standfirst,
            "body": article.body,
            "published_at": article.published_at.isoformat() if article.published_at else None,
        }
        if fmt == "json":
            return json.dumps(doc).encode(), "application/json"
        return json.dumps({"article": doc}).encode(), "application/vnd.partner+json"

    async def push_partner(self, partner) -> int:
        pending = await self.repo.pending_for_partner(partner["id"])
        if not pending:
            return 0
        articles = await self._load_articles([p["article_id"] for p in pending])
        sent = 0
        for delivery in pending:
            article = articles.get(delivery["article_id"])
            if article is None:
                await self.repo.mark(delivery["id"], "skipped", "article gone")
                continue
            payload, ctype = self._payload(article, partner["format"])
            try:
                await self.client.push(partner["slug"], partner["endpoint"], partner["api_key"], payload, ctype)
            except PartnerRejected as exc:
                status = "failed" if exc.status < 500 or delivery["attempts"] + 1 >= MAX_ATTEMPTS else "pending"
                await self.repo.mark(delivery["id"], status, str(exc))
                continue
            await self.repo.mark(delivery["id"], "delivered")
            sent += 1
        return sent

    async def run_once(self, tenant_ids: list[str]) -> int:
        total = 0
        for tenant_id in tenant_ids:
            for partner in await self.repo.partners_for(tenant_id):
                total += await self.push_partner(partner)
        return total

    async def run(self, tenant_ids: list[str], interval: float = 30.0) -> None:
        while True:
            try:
                await self.run_once(tenant_ids)
            except Exception:
                log.exception("syndication push round failed")
            await asyncio.sleep(interval)
