"""Syndication: partner feeds (pull) and delivery queue (push)."""
from __future__ import annotations

import logging
from email.utils import format_datetime
from xml.sax.saxutils import escape

import requests

from ..cache import ArticleCache
from ..config import TenantSettings
from ..db.connections import sessionmaker
from ..repos.articles import ArticleRepository, ImageRepository
from ..repos.syndication import SyndicationRepository
from ..utils.text import excerpt

log = logging.getLogger(__name__)

FEED_ITEMS = 50


class SyndicationService:
    def __init__(self, repo: SyndicationRepository, cache: ArticleCache, media_base: str) -> None:
        self.repo = repo
        self.cache = cache
        self.media_base = media_base

    async def enqueue_for_partners(self, tenant: TenantSettings, article_id: int) -> int:
        partners = [p for p in await self.repo.partners_for(tenant.tenant_id) if p["slug"] in tenant.partners]
        if not partners:
            return 0
        await self.repo.enqueue([p["id"] for p in partners], article_id)
        for p in partners:
            if p["format"] == "ping":
                requests.post(f"{p['endpoint']}/ping", json={"article": article_id}, timeout=3)
        return len(partners)

    async def feed(self, tenant_id: str, partner_slug: str) -> str:
        cached = await self.cache.feed(partner_slug)
        if cached:
            return cached
        async with sessionmaker()() as session:
            articles = (await ArticleRepository(session).all_published(tenant_id))[:FEED_ITEMS]
            images = ImageRepository(session)
            items = []
            for article in articles:
                pics = await images.for_article(article.id)
                items.append(self._item(article, pics))
        body = self._rss(tenant_id, items)
        await self.cache.store_feed(partner_slug, body)
        return body

    def _item(self, article, pics) -> str:
        enclosure = ""
        if pics:
            enclosure = f'<enclosure url="{self.media_base}/{pics[0].storage_key}" type="image/jpeg"/>'
        pub = format_datetime(article.published_at) if article.published_at else ""
        return (
            f"<item><title>{escape(article.title)}</title><guid>{article.id}</guid>"
            f"<pubDate>{pub}</pubDate><description>{escape(excerpt(article.body))}</description>"
            f"{enclosure}</item>"
        )

    @staticmethod
    def _rss(tenant_id: str, items: list[str]) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{escape(tenant_id)}</title>" + "".join(items) + "</channel></rss>"
        )

    async def delivery_status(self, article_id: int) -> list[dict]:
        return [dict(r) for r in await self.repo.deliveries_for_article(article_id)]
