import asyncio
import json
import logging
import time
import uuid
from collections import defaultdict, deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from svc import __version__
from svc.api import adjusters, claims, documents, payouts, policies, ws
from svc.cache import JsonCache, build_cache_client, build_lock_client
from svc.clients.bank import BankClient
from svc.clients.fraud import FraudClient
from svc.clients.partners import NotificationClient, PolicyAdminClient, ValuationClient
from svc.clients.storage import DocumentStore, LocalArchive
from svc.config import get_settings
from svc.db.engine import build_engine, build_session_factory, create_pg_pool
from svc.db.pg import AdjusterRepository, PayoutRepository
from svc.errors import ClaimsError
from svc.realtime import AdjusterHub, ClaimWatchers
from svc.services.assignment import AssignmentService
from svc.services.claims import StatusEventBus
from svc.services.documents import DocumentService
from svc.services.fraud import FraudService
from svc.services.payouts import PayoutService
from svc.services.policies import CoverageRules
from svc.workers.outbox import OutboxRelay
from svc.workers.reconciliation import run_nightly_reconciliation
from svc.workers.sla import SlaEscalationScheduler

logger = logging.getLogger("svc")

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")


def _load_rule_tables(directory: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in directory.glob("*.json")}


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    state = app.state

    state.pg_pool = await create_pg_pool(settings)
    engine = build_engine(settings)
    state.session_factory = build_session_factory(engine)
    state.cache_redis = build_cache_client(settings)
    state.lock_redis = build_lock_client(settings)
    state.bank_webhook_secret = settings.bank_webhook_secret.encode()

    state.pas = PolicyAdminClient(settings.pas_api_url)
    state.valuation = ValuationClient(settings.valuation_api_url)
    fraud_client = FraudClient(settings.fraud_api_url, settings.fraud_timeout)
    notifier = NotificationClient(settings.notify_api_url)
    store = DocumentStore(settings.storage_api_url)
    bank = BankClient(settings.bank_api_url, settings.bank_client_id, settings.bank_client_secret)
    await bank.start()

    rule_tables = await asyncio.to_thread(_load_rule_tables, Path(settings.document_dir).parent / "rules")
    state.coverage_rules = CoverageRules(rule_tables)
    state.hub = AdjusterHub(state.cache_redis, settings.status_channel, settings.ws_max_connections_per_adjuster)
    state.watchers = ClaimWatchers()
    state.status_bus = StatusEventBus()
    state.fraud_service = FraudService(fraud_client, state.session_factory, settings.fraud_review_threshold)
    state.document_service = DocumentService(
        store,
        LocalArchive(settings.document_dir),
        state.session_factory,
        settings.document_key_secret.encode(),
        settings.max_upload_bytes,
    )
    state.assignment_service = AssignmentService(
        AdjusterRepository(state.pg_pool, settings.db_acquire_timeout),
        state.session_factory,
        state.status_bus,
        settings.notify_api_url,
    )
    state.payout_service = PayoutService(
        state.session_factory,
        PayoutRepository(state.pg_pool, settings.db_acquire_timeout),
        bank,
        JsonCache(state.cache_redis, "claim"),
    )

    sla = SlaEscalationScheduler(state.pg_pool, state.lock_redis, state.hub, notifier, settings.sla_check_interval_seconds)
    background = [
        asyncio.create_task(state.hub.run_listener(), name="status-listener"),
        asyncio.create_task(state.status_bus.run(state.hub), name="status-bus"),
        asyncio.create_task(sla.run(), name="sla-escalation"),
        asyncio.create_task(OutboxRelay(state.pg_pool, state.cache_redis).run(), name="outbox-relay"),
        asyncio.create_task(run_nightly_reconciliation(bank, state.pg_pool, settings), name="bank-reconciliation"),
    ]
    logger.info("claims api %s started", __version__)
    try:
        yield
    finally:
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await state.hub.close_all()
        await fraud_client.aclose()
        await notifier.aclose()
        await store.aclose()
        await state.pas.aclose()
        await state.valuation.aclose()
        await bank.close()
        await state.pg_pool.close()
        await engine.dispose()
        await state.cache_redis.aclose()
        await state.lock_redis.aclose()


class RequestContextMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        token = request_id_var.set(request.headers.get("x-request-id") or uuid.uuid4().hex)
        started = time.perf_counter()
        try:
            response = await call_next(request)
        finally:
            request_id_var.reset(token)
        response.headers["x-response-time-ms"] = f"{(time.perf_counter() - started) * 1000:.1f}"
        return response


class ClientRateLimitMiddleware(BaseHTTPMiddleware):
    """Sliding one-minute window per client address."""

    window_seconds = 60.0
    hits: dict[str, deque[float]] = defaultdict(deque)

    def __init__(self, app, limit_per_minute: int) -> None:
        super().__init__(app)
        self._limit = limit_per_minute

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        client = request.client.host if request.client else "unknown"
        now = time.monotonic()
        window = self.hits[client]
        while window and now - window[0] > self.window_seconds:
            window.popleft()
        if len(window) >= self._limit:
            return JSONResponse({"error": "rate_limited"}, status_code=429, headers={"Retry-After": "60"})
        window.append(now)
        return await call_next(request)


app = FastAPI(title="Claims API", version=__version__, lifespan=lifespan)
app.add_middleware(ClientRateLimitMiddleware, limit_per_minute=get_settings().rate_limit_per_minute)
app.add_middleware(RequestContextMiddleware)

for module in (policies, claims, documents, payouts, adjusters):
    app.include_router(module.router, prefix="/api/v1")
app.include_router(ws.router)


@app.exception_handler(ClaimsError)
async def claims_error_handler(request: Request, exc: ClaimsError) -> JSONResponse:
    if exc.status_code >= 500:
        logger.error("request %s failed: %s", request_id_var.get(), exc.message)
    return JSONResponse(exc.to_payload(), status_code=exc.status_code)


@app.get("/health", include_in_schema=False)
async def health() -> dict[str, str]:
    """Probed by the load balancer and the Kubernetes readiness check."""
    return {"status": "ok", "version": __version__}
