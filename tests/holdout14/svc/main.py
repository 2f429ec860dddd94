"""FastAPI application: wiring, lifespan and middleware."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from svc.api import invoices, portal, usage
from svc.api.deps import Services
from svc.api.portal import InvoiceNotifier, LiveUsageHub, PlanChangeWizard, RedisRateLimiter
from svc.api.usage import InProcessRateLimiter
from svc.clients.payments import PaymentsClient
from svc.clients.tax import TaxClient
from svc.clients.webhooks import EndpointVerifier, WebhookSender
from svc.config import get_settings
from svc.db.pool import Database
from svc.db.tenant_repo import TenantRepository
from svc.db.usage_repo import UsageRepository
from svc.errors import install_handlers
from svc.redis_store import build_cache_redis, build_idempotency_redis, build_pubsub_redis, close_all
from svc.services.catalogue import PlanCatalogue
from svc.services.dunning import DunningService, PaymentCollector
from svc.services.ingestion import IngestionService
from svc.services.invoicing import BillingLocks, InvoicingService
from svc.services.rating import RatingEngine
from svc.services.webhook_outbox import WebhookOutbox
from svc.workers.scheduler import DunningScheduler, MonthlyCloseWorker, WebhookDispatcher, supervise
from svc.workers.stream_consumer import UsageStreamConsumer

logger = logging.getLogger("svc")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    db = Database(settings)
    await db.connect()
    cache = build_cache_redis(settings)
    idempotency = build_idempotency_redis(settings)
    pubsub = build_pubsub_redis(settings)

    tax = TaxClient(settings.tax_base_url, settings.tax_api_key, settings.tax_rates_url)
    await tax.refresh_rates()
    payments = PaymentsClient(settings.payments_base_url, settings.payments_api_key, settings.payments_timeout_s)
    await payments.start()
    verifier = EndpointVerifier()

    tenants = TenantRepository(db)
    usage_repo = UsageRepository(db)
    catalogue = PlanCatalogue(db, cache)
    await catalogue.refresh()
    rating = RatingEngine(catalogue, usage_repo, tax)
    locks = BillingLocks()
    outbox = WebhookOutbox(db)
    ingestion = IngestionService(usage_repo, idempotency, pubsub)
    invoicing = InvoicingService(db, rating, tenants, locks, settings.archive_dir)
    dunning = DunningService(db, tenants, PaymentCollector(payments, tenants), outbox, locks)

    app.state.settings = settings
    app.state.services = Services(
        db=db, cache=cache, tenants=tenants, usage=usage_repo, catalogue=catalogue, rating=rating,
        ingestion=ingestion, invoicing=invoicing, dunning=dunning, outbox=outbox, tax=tax,
        payments=payments, verifier=verifier,
    )
    app.state.rate_limiter = InProcessRateLimiter(settings.ingest_rate_per_minute)
    app.state.portal_limiter = RedisRateLimiter(cache, limit=10)
    app.state.plan_wizard = PlanChangeWizard()
    app.state.usage_hub = LiveUsageHub(settings.portal_max_connections)
    app.state.invoice_notifier = InvoiceNotifier()

    background: set[asyncio.Task[None]] = set()

    def spawn(coro_factory, name: str) -> None:
        task = asyncio.create_task(supervise(name, coro_factory), name=name)
        background.add(task)
        task.add_done_callback(background.discard)

    app.state.flusher = asyncio.create_task(ingestion.run_flusher(), name="usage-flusher")
    consumer = UsageStreamConsumer(settings, db, ingestion)
    app.state.consumer_task = asyncio.create_task(consumer.run(), name="usage-stream")
    spawn(lambda: app.state.usage_hub.listen(pubsub), "live-usage-hub")
    dispatcher = WebhookDispatcher(outbox, WebhookSender(settings.webhook_max_attempts), settings.webhook_max_attempts)
    spawn(dispatcher.run, "webhook-dispatcher")
    closer = MonthlyCloseWorker(cache, tenants, invoicing, settings.close_check_interval_s)
    spawn(closer.run, "monthly-close")
    scheduler = DunningScheduler(dunning, settings.dunning_interval_s)
    scheduler.start()

    try:
        yield
    finally:
        await scheduler.stop()
        for task in (*background, app.state.flusher, app.state.consumer_task):
            task.cancel()
        await asyncio.gather(*background, app.state.flusher, app.state.consumer_task, return_exceptions=True)
        await payments.close()
        await verifier.close()
        await tax.aclose()
        await close_all(cache, idempotency, pubsub)
        await db.close()


app = FastAPI(title="billing", lifespan=lifespan)
install_handlers(app)
app.include_router(usage.router)
app.include_router(invoices.router)
app.include_router(portal.router)


@app.middleware("http")
async def request_deadline(request: Request, call_next):
    try:
        return await asyncio.wait_for(call_next(request), timeout=30)
    except asyncio.TimeoutError:
        logger.warning("request to %s exceeded deadline", request.url.path)
        return JSONResponse(status_code=504, content={"error": "timeout"})


@app.get("/health")
async def health() -> Response:
    """Readiness and liveness probe for the orchestrator."""
    return JSONResponse({"status": "ok"})
