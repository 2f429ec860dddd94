"""Application factory and lifespan."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from fastapi import FastAPI
from prometheus_client import make_asgi_app
from redis.asyncio import Redis

from podhost.clients.ad_decision import AdDecisionClient
from podhost.clients.directory_client import DirectoryClient
from podhost.clients.geo import GeoClient
from podhost.clients.payments import PaymentsClient
from podhost.clients.storage import StorageClient
from podhost.clients.transcoder import TranscoderClient
from podhost.config import get_settings
from podhost.db.analytics import close_pool, open_pool
from podhost.db.engine import dispose_engine
from podhost.middleware import ApiRateLimitMiddleware, RequestContextMiddleware
from podhost.redis_client import create_redis, set_redis
from podhost.repositories.analytics_repo import AnalyticsRepository, PayoutRepository
from podhost.routers import analytics, downloads, episodes, feeds, ops, payouts, shows, uploads
from podhost.services.ad_service import AdService
from podhost.services.directory_webhooks import DirectoryNotifier
from podhost.services.feed_service import FeedService
from podhost.services.premiere_service import PremiereService
from podhost.utils.logging import configure_logging
from podhost.utils.ratelimit import RedisRateLimiter
from podhost.workers.analytics_ingest import DownloadIngestor
from podhost.workers.queue import JobQueue
from podhost.workers.schedulers import FeedWarmer, PayoutScheduler, PublishScheduler
from podhost.workers.supervisor import supervise
from podhost.ws import live
from podhost.ws.registry import ListenerRegistry

log = logging.getLogger("podhost")


@dataclass
class Services:
    redis: Redis
    storage: StorageClient
    transcoder: TranscoderClient
    ad_client: AdDecisionClient
    directory: DirectoryClient
    geo: GeoClient
    payments: PaymentsClient
    analytics_repo: AnalyticsRepository
    payout_repo: PayoutRepository
    feeds: FeedService
    ads: AdService
    notifier: DirectoryNotifier
    ingest: DownloadIngestor
    registry: ListenerRegistry
    premieres: PremiereService
    transcode_queue: JobQueue
    background_tasks: list[asyncio.Task] = field(default_factory=list)


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure_logging()
    app.state.settings = settings
    redis = create_redis(settings)
    set_redis(redis)
    pool = await open_pool(settings)
    analytics_repo = AnalyticsRepository(pool, settings.analytics_acquire_timeout)
    directory = DirectoryClient()
    await directory.start()
    ad_client = AdDecisionClient(settings)
    registry = ListenerRegistry(redis, settings.max_ws_per_episode)
    feeds_service = FeedService(redis, settings)
    services = Services(
        redis=redis,
        storage=StorageClient(settings),
        transcoder=TranscoderClient(settings),
        ad_client=ad_client,
        directory=directory,
        geo=GeoClient(settings.geo_url),
        payments=PaymentsClient(settings),
        analytics_repo=analytics_repo,
        payout_repo=PayoutRepository(pool),
        feeds=feeds_service,
        ads=AdService(ad_client, analytics_repo),
        notifier=DirectoryNotifier(directory, settings),
        ingest=DownloadIngestor(analytics_repo, GeoClient(settings.geo_url), settings.ingest_batch_size),
        registry=registry,
        premieres=PremiereService(redis, registry),
        transcode_queue=JobQueue(redis, "transcode"),
    )
    app.state.services = services

    stop = asyncio.Event()
    payouts_scheduler = PayoutScheduler(analytics_repo, services.payout_repo, services.payments, settings)
    warmer = FeedWarmer(redis, feeds_service)
    publisher = PublishScheduler(redis, feeds_service, services.notifier)
    services.background_tasks = [
        asyncio.create_task(services.ingest.run(), name="download-ingest"),
        asyncio.create_task(supervise("ad-impressions", lambda: services.ads.flush_impressions(stop)), name="ad-impressions"),
        asyncio.create_task(supervise("payouts", payouts_scheduler.loop), name="payouts"),
        asyncio.create_task(supervise("feed-warmer", warmer.loop), name="feed-warmer"),
        asyncio.create_task(supervise("publish-scheduler", publisher.loop), name="publish-scheduler"),
    ]
    log.info("podhost api started (%s)", settings.environment)
    try:
        yield
    finally:
        stop.set()
        for task in services.background_tasks:
            task.cancel()
        await asyncio.gather(*services.background_tasks, return_exceptions=True)
        for closer in (services.storage.aclose, services.transcoder.aclose, ad_client.aclose, services.payments.aclose, directory.close):
            with contextlib.suppress(Exception):
                await closer()
        await close_pool()
        await redis.aclose()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="podhost", version="3.4.0", lifespan=lifespan)
    app.add_middleware(
        ApiRateLimitMiddleware,
        limiter_factory=lambda a: RedisRateLimiter(a.state.services.redis, "rl:api", limit=600, window=60),
    )
    app.add_middleware(RequestContextMiddleware)
    for module in (shows, episodes, uploads, feeds, downloads, analytics, payouts, ops):
        app.include_router(module.router)
    app.include_router(ops.health_router)
    app.include_router(live.router)
    app.mount("/metrics", make_asgi_app())
    return app


app = create_app()
