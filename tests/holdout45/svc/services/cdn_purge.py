"""Turns editorial events into CDN purges, and replays purges deferred while the CDN was unavailable."""
from __future__ import annotations

import asyncio
import logging
import urllib.request

import aiohttp

from ..clients.cdn import CdnClient
from ..config import TenantSettings
from ..db.models import Article
from ..utils.resilience import CircuitOpen, retry_sync


log = logging.getLogger(__name__)

PURGE_BATCH = 30
MAX_CONCURRENT_PURGES = 4
RETRY_KEY = "cdn:purge:retry"


class Purger:
    def __init__(self, cdn: CdnClient, redis, legacy_varnish: str | None = None) -> None:
        self.cdn = cdn
        self.redis = redis
        self.legacy_varnish = legacy_varnish
        self._sem = asyncio.Semaphore(MAX_CONCURRENT_PURGES)

    @staticmethod
    def urls_for(tenant: TenantSettings, article: Article) -> list[str]:
        host = tenant.extra.get("host", f"{tenant.tenant_id}.example.com")
        base = f"https://{host}"
        urls = [f"{base}/{article.slug}", f"{base}/amp/{article.slug}", f"{base}/"]
        if article.section:
            urls.append(f"{base}/section/{article.section}")
        return urls

    async def purge_article(self, tenant: TenantSettings, article: Article) -> None:
        urls = self.urls_for(tenant, article)
        try:
            await self.cdn.purge(tenant.cdn_zone, urls)
        except CircuitOpen:
            log.warning("cdn breaker open; deferring purge of %d urls", len(urls))
            await self.redis.rpush(RETRY_KEY, *urls)
        except aiohttp.ClientError:
            pass
        if self.legacy_varnish:
            retry_sync(lambda: self._ban(article.slug))

    def _ban(self, slug: str) -> None:
        req = urllib.request.Request(
            f"{self.legacy_varnish}/ban", method="BAN", headers={"X-Ban-Url": f"/{slug}"}
        )
        urllib.request.urlopen(req, timeout=5).close()

    async def _purge_batch(self, zone: str, batch: list[str]) -> bool:
        async with self._sem:
            return await self.cdn.purge(zone, batch)

    async def purge_urls(self, tenant: TenantSettings, urls: list[str]) -> int:
        batches = [urls[i : i + PURGE_BATCH] for i in range(0, len(urls), PURGE_BATCH)]
        results = await asyncio.gather(
            *(self._purge_batch(tenant.cdn_zone, b) for b in batches), return_exceptions=True
        )
        failed = [b for b, r in zip(batches, results) if r is not True]
        for b in failed:
            await self.redis.rpush(RETRY_KEY, *b)
        return len(batches) - len(failed)

    async def purge_section(self, tenant: TenantSettings, section: str) -> bool:
        return await self.cdn.purge_tag(tenant.cdn_zone, f"section:{section}")




class PurgeRetryWorker:
    def __init__(self, redis, cdn: CdnClient, zone_for_url) -> None:
        self.redis = redis
        self.cdn = cdn
        self.zone_for_url = zone_for_url

    async def drain(self) -> int:
        urls: list[str] = await self.redis.lpop(RETRY_KEY, 5000) or []
        if not urls:
            await asyncio.sleep(5)
            return 0
        by_zone: dict[str, list[str]] = {}
        while urls:
            url = urls.pop(0)
            by_zone.setdefault(self.zone_for_url(url), []).append(url)
        done = 0
        for zone, zone_urls in by_zone.items():
            for i in range(0, len(zone_urls), PURGE_BATCH):
                batch = zone_urls[i : i + PURGE_BATCH]
                if await self.cdn.purge(zone, batch):
                    done += len(batch)
        return done

    async def run(self) -> None:
        while True:
            try:
                await self.drain()
            except Exception:
                log.exception("purge retry consumer crashed, restarting")
