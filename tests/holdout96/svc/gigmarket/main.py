from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
import httpx

from .clients.fx import FxClient
from .clients.kyc import KycClient
from .clients.payments import PaymentsClient
from .clients.payouts import BankTransferClient, PayoutPartnerClient
from .clients.search import SearchClient
from .clients.storage import ObjectStorage
from .db import SessionFactory, create_raw_pool, create_redis, engine
from .errors import GigError
from .middleware import RateLimitMiddleware, RequestContextMiddleware
from .repositories.timelogs_repo import TimeLogsRepository
from .routers import (
    accounts,
    admin,
    chat_ws,
    contracts,
    disputes,
    health,
    jobs,
    milestones,
    notifications_ws,
    payouts,
    proposals,
    timetracking,
    webhooks,
)
from .services.chat import ChatService
from .services.notifications import NotificationHub
from .services.search_index import SearchIndexService
from .services.timetracking import TimeTrackingService
from .settings import get_settings
from .utils.locks import KeyedLocks
from .workers.runner import run_periodic, supervise

logger = logging.getLogger(__name__)

REINDEX_INTERVAL_SECONDS = 600


async def _reindex_once() -> None:
    async with SessionFactory() as session:
        await SearchIndexService(session, app.state.search).reindex_open_jobs()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    state = app.state
    state.settings = settings
    state.http = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=3.0), limits=httpx.Limits(max_connections=100))
    state.redis = create_redis()
    state.pool = await create_raw_pool()
    state.locks = KeyedLocks()
    state.kyc = KycClient(settings, state.http)
    state.payments = PaymentsClient(settings, state.http)
    state.fx = FxClient(settings, state.http)
    state.search = SearchClient(settings)
    state.storage = ObjectStorage(settings)
    state.bank = BankTransferClient(settings)
    state.partner = PayoutPartnerClient(settings)
    await state.partner.start()
    state.hub = NotificationHub(state.redis)
    state.chat = ChatService(state.pool, state.redis)
    state.timetracking = TimeTrackingService(state.storage, TimeLogsRepository(state.pool), settings)

    state.tasks = set()

    def spawn(coro: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(coro, name=name)
        state.tasks.add(task)
        task.add_done_callback(state.tasks.discard)

    spawn(supervise("notify-listener", state.hub.run_listener), "notify-listener")
    spawn(run_periodic("search-reindex", _reindex_once, REINDEX_INTERVAL_SECONDS), "search-reindex")
    logger.info("gigmarket started in %s", settings.environment)
    try:
        yield
    finally:
        for task in list(state.tasks):
            task.cancel()
        await asyncio.gather(*state.tasks, return_exceptions=True)
        await state.partner.close()
        await state.search.close()
        await state.http.aclose()
        await state.pool.close()
        await state.redis.aclose()
        await engine.dispose()


def create_app() -> FastAPI:
    settings = get_settings()
    application = FastAPI(title="gigmarket", lifespan=lifespan)
    application.add_middleware(RequestContextMiddleware)
    application.add_middleware(RateLimitMiddleware)
    application.add_middleware(
        CORSMiddleware, allow_origins=settings.allowed_origins, allow_methods=["*"], allow_headers=["*"]
    )

    @application.exception_handler(GigError)
    async def gig_error_handler(request: Request, exc: GigError) -> JSONResponse:
        return JSONResponse({"error": exc.code, "detail": str(exc)}, status_code=exc.status_code)

    for module in (
        health, accounts, jobs, proposals, contracts, milestones, webhooks,
        timetracking, disputes, payouts, admin, chat_ws, notifications_ws,
    ):
        application.include_router(module.router)
    return application


app = create_app()
