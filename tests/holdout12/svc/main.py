"""FastAPI application: wiring, middleware and lifecycle."""
import asyncio
import functools
import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from svc.api import creators, realtime, videos
from svc.cache import ApiRateLimiter, EntitlementCache, build_cache_redis, build_chat_redis
from svc.clients.media import ModerationModelClient, StorageClient, TranscoderClient
from svc.clients.notify import PushClient
from svc.clients.payments import PaymentsClient
from svc.clients.recommendations import RecommendationsClient
from svc.config import get_settings
from svc.db.models import SessionFactory, engine
from svc.db.postgres import Database
from svc.errors import StreamHubError
from svc.repositories import CommentRepository, ModerationRepository, VideoRepository
from svc.services.chat import ChatHub
from svc.services.feed import FeedService
from svc.services.moderation import ModerationService
from svc.services.payouts import PayoutService
from svc.services.playback import ManifestService
from svc.services.streams import StreamService
from svc.services.subscriptions import SubscriptionService, load_entitled_creators
from svc.services.uploads import UploadService
from svc.workers import PayoutScheduler, TranscodeEventConsumer, ViewCountAggregator, spawn

logger = logging.getLogger("streamhub")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    db = Database(settings)
    await db.connect()
    cache_redis = build_cache_redis(settings)
    chat_redis = build_chat_redis(settings)
    http = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=3.0), limits=httpx.Limits(max_connections=200))
    payments = PaymentsClient(settings)
    await payments.start()
    recs = RecommendationsClient(settings)
    storage = StorageClient(settings)
    transcoder = TranscoderClient(http, settings)
    push = PushClient(http, settings)

    videos_repo = VideoRepository(db)
    loader = functools.partial(load_entitled_creators, SessionFactory)
    entitlements = EntitlementCache(cache_redis, loader, settings.entitlement_ttl_s)
    subscriptions = SubscriptionService(SessionFactory, entitlements)
    payouts = PayoutService(db, payments, settings)
    aggregator = ViewCountAggregator(db, settings)
    consumer = TranscodeEventConsumer(videos_repo, storage, transcoder)

    app.state.db = db
    app.state.cache_redis = cache_redis
    app.state.videos = videos_repo
    app.state.comments = CommentRepository(db)
    app.state.subscriptions = subscriptions
    app.state.payouts = payouts
    app.state.aggregator = aggregator
    app.state.transcode_consumer = consumer
    app.state.uploads = UploadService(videos_repo, storage, transcoder, push, subscriptions.follower_ids, settings)
    app.state.manifests = ManifestService(videos_repo, storage, entitlements, settings)
    app.state.feed = FeedService(videos_repo, recs)
    app.state.moderation = ModerationService(ModerationRepository(db), videos_repo, ModerationModelClient(settings))
    app.state.streams = StreamService(cache_redis, push, subscriptions)
    app.state.chat = ChatHub(chat_redis, settings)
    app.state.api_limiter = ApiRateLimiter(cache_redis, settings.api_requests_per_minute)

    tasks: set[asyncio.Task] = set()
    spawn(tasks, aggregator.run(), "view-count-aggregator")
    spawn(tasks, consumer.run(), "transcode-events")
    spawn(tasks, app.state.chat.relay(), "chat-relay")
    spawn(tasks, PayoutScheduler(payouts, settings.payout_interval_s).run_forever(), "payout-scheduler")
    try:
        yield
    finally:
        aggregator.stop()
        for task in list(tasks):
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await http.aclose()
        await recs.aclose()
        await payments.close()
        await cache_redis.aclose()
        await chat_redis.aclose()
        await db.close()
        await engine.dispose()


app = FastAPI(title="StreamHub", lifespan=lifespan)
app.include_router(videos.router)
app.include_router(creators.router)
app.include_router(realtime.router)


@app.middleware("http")
async def request_context(request: Request, call_next):
    request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
    client_key = request.headers.get("authorization") or (request.client.host if request.client else "anon")
    if not await request.app.state.api_limiter.allow(client_key):
        return JSONResponse({"error": "rate_limited"}, status_code=429)
    started = time.perf_counter()
    try:
        response = await asyncio.wait_for(call_next(request), timeout=30)
    except asyncio.TimeoutError:
        logger.warning("request timed out", extra={"path": request.url.path, "request_id": request_id})
        return JSONResponse({"error": "timeout"}, status_code=504)
    response.headers["x-request-id"] = request_id
    elapsed_ms = (time.perf_counter() - started) * 1000
    logger.info("request", extra={"path": request.url.path, "status": response.status_code, "ms": elapsed_ms})
    return response


@app.exception_handler(StreamHubError)
async def domain_error(request: Request, exc: StreamHubError) -> JSONResponse:
    return JSONResponse({"error": exc.code, "message": exc.message}, status_code=exc.status_code)


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
