"""ASGI entry point: wiring, lifespan and middleware."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager

import aiohttp
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from svc.api import claims, documents, ops, payouts, ws
from svc.api.deps import IdempotencyStore, SubmissionRateLimiter
from svc.clients.external import CatastropheClient, PolicyAdminClient, SupervisorNotifier
from svc.clients.fraud import FraudClient
from svc.clients.payments import PaymentsGateway
from svc.clients.storage import ObjectStorage
from svc.config import get_settings
from svc.db.connections import (
    SessionLocal,
    build_cache_redis,
    build_idempotency_redis,
    build_lock_redis,
    create_pg_pool,
    engine,
)
from svc.errors import ClaimsError
from svc.realtime.hub import AdjusterFeed, ClaimStatusHub
from svc.repositories.claims import ClaimsRepository
from svc.repositories.payouts import PayoutsRepository
from svc.services.adjusters import AdjusterService
from svc.services.claims import AuditLog
from svc.services.documents import DocumentService
from svc.services.fraud_scoring import FraudScoringService
from svc.services.intake import ClaimIntakeService
from svc.services.payouts import CoverageService, PayoutService
from svc.services.reports import ReportService
from svc.workers.outbox import OutboxRelay
from svc.workers.payments import BatchContext, build_scheduler
from svc.workers.sla import SlaEscalationWorker

logger = logging.getLogger("svc")

REQUEST_COUNTS: Counter[str] = Counter()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    pool = await create_pg_pool(settings)
    cache_redis = build_cache_redis(settings)
    lock_redis = build_lock_redis(settings)
    idem_redis = build_idempotency_redis(settings)
    http_session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=settings.http_timeout_seconds, connect=2.0))
    executor = ProcessPoolExecutor(max_workers=2)

    fraud_client = FraudClient(settings.fraud_api_url, settings.fraud_api_key)
    policy_admin = PolicyAdminClient(settings.policy_admin_url)
    gateway = PaymentsGateway(settings.payments_url, settings.payments_client_id, settings.payments_client_secret)
    await gateway.start()
    notifier = SupervisorNotifier(settings.notify_url, settings.notify_token)

    timeout = settings.db_acquire_timeout
    claims_repo = ClaimsRepository(pool, timeout)
    payouts_repo = PayoutsRepository(pool, timeout)
    feed = AdjusterFeed(settings.ws_max_connections)
    hub = ClaimStatusHub(cache_redis, feed)
    fraud_scoring = FraudScoringService(SessionLocal, fraud_client)

    state = app.state
    state.settings = settings
    state.pool = pool
    state.hub = hub
    state.feed = feed
    state.notifier = notifier
    state.claims_repo = claims_repo
    state.fraud_scoring = fraud_scoring
    state.rate_limiter = SubmissionRateLimiter(settings.submissions_per_minute)
    state.idempotency = IdempotencyStore(idem_redis)
    state.intake = ClaimIntakeService(
        pool,
        claims_repo,
        policy_admin,
        CatastropheClient(settings.catastrophe_url, http_session),
        fraud_scoring,
        hub,
        settings,
    )
    state.documents = DocumentService(
        ObjectStorage(settings.storage_endpoint, settings.storage_bucket, settings.storage_region),
        SessionLocal,
        settings,
        executor,
    )
    state.payouts = PayoutService(
        pool, payouts_repo, claims_repo, CoverageService(pool, timeout), AuditLog(pool, timeout), timeout
    )
    state.adjusters = AdjusterService(SessionLocal, claims_repo)
    state.reports = ReportService(settings, pool, payouts_repo)

    outbox = OutboxRelay(pool, cache_redis, settings.outbox_batch_size, timeout)
    sla_worker = SlaEscalationWorker(claims_repo, lock_redis, notifier, hub, settings)
    tasks = [
        asyncio.create_task(hub.run_listener(), name="status-listener"),
        asyncio.create_task(hub.run_dispatcher(), name="status-dispatcher"),
        asyncio.create_task(sla_worker.run(), name="sla-escalation"),
        asyncio.create_task(outbox.run(), name="outbox-relay"),
    ]
    scheduler = build_scheduler(BatchContext(payouts=payouts_repo, gateway=gateway), settings)
    scheduler.start()
    logger.info("claims service started (%s)", settings.environment)
    try:
        yield
    finally:
        scheduler.shutdown(wait=False)
        hub.stop()
        outbox.stop()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await fraud_client.aclose()
        await policy_admin.aclose()
        await gateway.close()
        await http_session.close()
        executor.shutdown(wait=False, cancel_futures=True)
        await idem_redis.aclose()
        await lock_redis.aclose()
        await cache_redis.aclose()
        await pool.close()
        await engine.dispose()


app = FastAPI(title="Claims Processing", lifespan=lifespan)


@app.middleware("http")
async def count_and_time(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    started = time.perf_counter()
    response = await call_next(request)
    route = request.scope.get("route")
    REQUEST_COUNTS[f"{request.method} {getattr(route, 'path', 'unmatched')} {response.status_code}"] += 1
    response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


@app.exception_handler(ClaimsError)
async def claims_error_handler(request: Request, exc: ClaimsError) -> JSONResponse:
    if exc.status_code >= 500:
        logger.error("upstream failure on %s %s: %s", request.method, request.url.path, exc.message)
    return JSONResponse(status_code=exc.status_code, content=exc.to_payload())


app.include_router(ops.router)
app.include_router(claims.router)
app.include_router(documents.router)
app.include_router(payouts.router)
app.include_router(ws.router)
