"""Crawler worker process: claims crawl jobs for its shard, fetches, parses, records prices."""
from __future__ import annotations

import asyncio
import logging
import signal
from datetime import datetime, timedelta, timezone

import asyncpg
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pricewatch.cache.product_cache import ProductCache
from pricewatch.clients.email_provider import EmailClient
from pricewatch.clients.push_provider import PushClient
from pricewatch.config import Settings, get_settings
from pricewatch.crawler.fetcher import Fetcher, FetchError
from pricewatch.crawler.parsers import amazon, generic, get_parser  # noqa: F401
from pricewatch.crawler.proxy_pool import ProxyPool
from pricewatch.crawler.rate_limiter import RetailerRateLimiter
from pricewatch.db.engine import build_engine, build_redis, build_sessionmaker, create_pool
from pricewatch.db.models import Product, ProductStatus
from pricewatch.repositories import crawl_jobs
from pricewatch.repositories.price_history import PriceHistoryRepository
from pricewatch.services.alert_engine import AlertEngine
from pricewatch.services.notifications import NotificationService
from pricewatch.utils.resilience import BreakerRegistry, CircuitOpenError
from pricewatch.utils.observability import CRAWL_RESULTS
from pricewatch.ws.hub import PriceHub

log = logging.getLogger("pricewatch.crawler")


class CrawlWorker:
    def __init__(
        self,
        settings: Settings,
        pool: asyncpg.Pool,
        sessionmaker: async_sessionmaker[AsyncSession],
        fetcher: Fetcher,
        history: PriceHistoryRepository,
        alerts: AlertEngine,
        cache: ProductCache,
    ) -> None:
        self._settings = settings
        self._pool = pool
        self._sessionmaker = sessionmaker
        self._fetcher = fetcher
        self._history = history
        self._alerts = alerts
        self._cache = cache
        self._shard = settings.worker_shard_index
        self._queue: asyncio.Queue[asyncpg.Record] = asyncio.Queue(maxsize=settings.crawl_queue_size)
        self._sem = asyncio.Semaphore(settings.crawl_concurrency)
        self._stopping = asyncio.Event()
        self.last_progress = datetime.now(timezone.utc)

    async def _produce(self) -> None:
        while not self._stopping.is_set():
            jobs = await crawl_jobs.claim(self._pool, self._shard, self._settings.crawl_batch_size)
            if not jobs:
                await asyncio.sleep(5)
                continue
            for job in jobs:
                await self._queue.put(job)

    async def _consume(self) -> None:
        while not self._stopping.is_set():
            batch = [await self._queue.get()]
            while len(batch) < self._settings.crawl_concurrency and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            await asyncio.gather(*(self._bounded(job) for job in batch))
            self.last_progress = datetime.now(timezone.utc)

    async def _bounded(self, job: asyncpg.Record) -> None:
        async with self._sem:
            ok = False
            try:
                ok = await self._handle(job["product_id"])
            finally:
                await crawl_jobs.finish(self._pool, job["id"], ok)

    async def _handle(self, product_id: int) -> bool:
        async with self._sessionmaker() as session:
            product = await session.get(Product, product_id)
            if product is None or product.status != ProductStatus.ACTIVE:
                return True
            await session.refresh(product, ["retailer"])
            retailer = product.retailer
            try:
                result = await self._fetcher.fetch(product.canonical_url, retailer.domain)
            except (FetchError, CircuitOpenError) as exc:
                CRAWL_RESULTS.labels(retailer.domain, "error").inc()
                log.warning("fetch failed for product %s: %s", product.id, exc)
                await self._record_failure(session, product)
                return False

            if result.blocked:
                await self._fetcher._proxies.report_failure(result.proxy)
                await self._record_failure(session, product)
                return False

            page = await get_parser(retailer.parser).parse(result.html, product.canonical_url)
            if page.price is None:
                CRAWL_RESULTS.labels(retailer.domain, "no_price").inc()
                await self._record_failure(session, product)
                return False

            old_price = product.last_price
            restocked = page.in_stock and not product.in_stock
            product.in_stock = page.in_stock
            await self._history.insert_point(product.id, retailer.id, page.price, page.currency, page.in_stock)
            product.last_price = page.price
            product.title = product.title or page.title
            product.image_url = product.image_url or page.image_url
            if product.lowest_price is None or page.price < product.lowest_price:
                product.lowest_price = page.price
            product.failure_count = 0
            product.last_crawled_at = datetime.now(timezone.utc)
            product.next_crawl_at = product.last_crawled_at + timedelta(minutes=self._settings.crawl_interval_minutes)
            await session.commit()
            await self._cache.invalidate(product.id)

        CRAWL_RESULTS.labels(retailer.domain, "ok").inc()
        if restocked:
            await self._alerts.announce_back_in_stock(product.id, product.title or "", product.canonical_url)
        if old_price != page.price:
            await self._alerts.on_price_observed(
                product.id, product.title or "", product.canonical_url, old_price, page.price
            )
        return True

    async def _record_failure(self, session: AsyncSession, product: Product) -> None:
        product.failure_count += 1
        backoff = min(2 ** product.failure_count, 48)
        product.next_crawl_at = datetime.now(timezone.utc) + timedelta(hours=backoff)
        if product.failure_count >= self._settings.crawl_max_failures:
            product.status = ProductStatus.DISABLED
        await session.commit()

    async def run(self) -> None:
        producer = asyncio.create_task(self._produce(), name="crawl-producer")
        try:
            while not self._stopping.is_set():
                try:
                    await self._consume()
                except Exception:
                    log.exception("crawl consumer crashed; restarting")
        finally:
            producer.cancel()

    def stop(self) -> None:
        self._stopping.set()


async def _health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def _metrics(request: web.Request) -> web.Response:
    return web.Response(body=generate_latest(), headers={"Content-Type": CONTENT_TYPE_LATEST})


async def start_health_server(port: int = 8081) -> web.AppRunner:
    app = web.Application()
    app.router.add_get("/health", _health)
    app.router.add_get("/metrics", _metrics)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "0.0.0.0", port).start()
    return runner


async def _run(settings: Settings, overrides: dict[str, dict]) -> None:
    redis = build_redis(settings)
    pool = await create_pool(settings)
    engine = build_engine(settings)
    sessionmaker = build_sessionmaker(engine)
    proxies = ProxyPool(settings.proxy_list_path, settings.proxy_max_failures)
    await proxies.load()
    fetcher = Fetcher(proxies, RetailerRateLimiter(redis, settings.default_retailer_rps, overrides), BreakerRegistry())
    notifier = NotificationService(EmailClient(settings), PushClient(settings))
    alerts = AlertEngine(sessionmaker, notifier, PriceHub())
    worker = CrawlWorker(
        settings, pool, sessionmaker, fetcher, PriceHistoryRepository(pool), alerts,
        ProductCache(redis, sessionmaker, settings.product_cache_ttl),
    )
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, worker.stop)
    health = await start_health_server(port=8081)
    try:
        await worker.run()
    finally:
        await health.cleanup()
        await fetcher.aclose()
        await pool.close()
        await engine.dispose()
        await redis.aclose()


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    settings = get_settings()
    overrides = settings.retailer_overrides
    asyncio.run(_run(settings, overrides))


if __name__ == "__main__":
    main()
