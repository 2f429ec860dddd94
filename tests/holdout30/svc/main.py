from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from svc import workers
from svc.api import invoices, payments, realtime
from svc.api.deps import Container
from svc.cache import TaxTableCache, create_cache_redis, create_lock_redis
from svc.clients.email import EmailClient
from svc.clients.tax import TaxClient
from svc.config import get_settings
from svc.db.engine import Database
from svc.db.ledger_repo import CustomerRepository, PaymentRepository, StatementRepository
from svc.errors import ARError
from svc.services.documents import DocumentService, ObjectStorage
from svc.services.dunning import DunningService
from svc.services.events import PaymentEventHub, WebhookDispatcher
from svc.services.fx import FxClient, FxService
from svc.services.invoicing import AuditLog
from svc.services.payments import PaymentService
from svc.services.reconciliation import ReconciliationService
from svc.services.reporting import ReportingService
from svc.services.tax import TaxService

log = logging.getLogger("svc")

REQUEST_TIMEOUT_SECONDS = 30.0


def build_container() -> Container:
    settings = get_settings()
    db = Database(settings)
    cache_redis = create_cache_redis(settings)
    lock_redis = create_lock_redis(settings)
    tax_client = TaxClient(settings)
    email = EmailClient(settings)
    fx_client = FxClient(settings)
    storage = ObjectStorage(settings)
    customers = CustomerRepository(db)
    payments_repo = PaymentRepository(db)
    statements = StatementRepository(db)
    documents = DocumentService(settings, storage)
    hub = PaymentEventHub(cache_redis)
    webhooks = WebhookDispatcher(settings.webhook_concurrency)
    payments_service = PaymentService(db, payments_repo, hub, webhooks, lock_redis)
    fx = FxService(db, fx_client)
    return Container(
        settings=settings,
        db=db,
        cache_redis=cache_redis,
        lock_redis=lock_redis,
        tax_client=tax_client,
        email=email,
        fx_client=fx_client,
        storage=storage,
        customers=customers,
        payments_repo=payments_repo,
        statements=statements,
        tax=TaxService(tax_client, TaxTableCache()),
        fx=fx,
        documents=documents,
        hub=hub,
        webhooks=webhooks,
        audit=AuditLog(cache_redis),
        payments=payments_service,
        reconciliation=ReconciliationService(settings, statements, payments_service),
        dunning=DunningService(settings, db, email, documents),
        reporting=ReportingService(settings, fx_client),
    )


async def supervise(name: str, job: Callable[[], Awaitable[None]]) -> None:
    """Keep a long-running coroutine alive."""
    while True:
        try:
            await job()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("background job crashed, restarting", extra={"job": name})


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    container = build_container()
    await container.db.connect()
    app.state.container = container
    background: set[asyncio.Task[None]] = set()

    def keep(task: asyncio.Task[None]) -> None:
        background.add(task)
        task.add_done_callback(background.discard)

    jobs = workers.scheduled_jobs(container)
    for job in jobs:
        keep(asyncio.create_task(job.run(), name=job.name))
    keep(asyncio.create_task(supervise("hub-listen", container.hub.listen)))
    keep(asyncio.create_task(supervise("hub-dispatch", container.hub.dispatch)))
    keep(asyncio.create_task(workers.overdue_loop(container), name="overdue"))
    try:
        yield
    finally:
        for job in jobs:
            job.stop()
        for task in list(background):
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await container.webhooks.drain()
        await container.email.close()
        await container.storage.close()
        await container.tax_client.aclose()
        await container.fx_client.aclose()
        await container.cache_redis.aclose()
        await container.lock_redis.aclose()
        await container.db.close()


class RateLimitMiddleware(BaseHTTPMiddleware):
    """Sliding-window limit per API client."""

    def __init__(self, app: FastAPI, per_minute: int) -> None:
        super().__init__(app)
        self._per_minute = per_minute
        self._hits: defaultdict[str, deque[float]] = defaultdict(deque)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        key = request.headers.get("x-client-id") or (request.client.host if request.client else "anonymous")
        now = time.monotonic()
        window = self._hits[key]
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) >= self._per_minute:
            return JSONResponse({"error": "rate_limited"}, status_code=429, headers={"Retry-After": "60"})
        window.append(now)
        return await call_next(request)


class TimeoutMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        try:
            return await asyncio.wait_for(call_next(request), timeout=REQUEST_TIMEOUT_SECONDS)
        except asyncio.TimeoutError:
            log.warning("request timed out", extra={"path": request.url.path})
            return JSONResponse({"error": "timeout"}, status_code=504)


app = FastAPI(title="Accounts Receivable", lifespan=lifespan)
app.add_middleware(TimeoutMiddleware)
app.add_middleware(RateLimitMiddleware, per_minute=get_settings().api_rate_limit_per_minute)
app.include_router(invoices.router, prefix="/v1")
app.include_router(payments.router, prefix="/v1")
app.include_router(realtime.router)


@app.exception_handler(ARError)
async def domain_error_handler(request: Request, exc: ARError) -> JSONResponse:
    if exc.status_code >= 500:
        log.error("upstream failure", extra={"path": request.url.path, "code": exc.code})
    return JSONResponse({"error": exc.code, "message": exc.message, **exc.details}, status_code=exc.status_code)


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok", "version": app.version}
