from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager

import structlog
from fastapi import FastAPI

from payflow.cache.redis_client import close_redis, get_redis
from payflow.clients.email_client import EmailClient
from payflow.clients.fx_client import FxClient
from payflow.clients.geo_client import JurisdictionClient
from payflow.clients.object_storage import ObjectStorage
from payflow.clients.payments_client import PaymentsClient
from payflow.db.engine import SessionFactory, dispose_engine
from payflow.db.engine import close_reporting_pool, init_reporting_pool
from payflow.logging_config import configure_logging
from payflow.repositories.ops_repo import ReminderRepository
from payflow.services.auth import LoginThrottle
from payflow.services.fx_service import FxService
from payflow.services.reminder_service import ReminderService
from payflow.services.withholding_service import WithholdingService
from payflow.settings import get_settings
from payflow.ws.payrun_progress import ProgressRelay

log = structlog.get_logger(__name__)


async def supervise(name: str, fn: Callable[[], Awaitable[None]], *, max_backoff: float = 60.0) -> None:
    """Keeps a background loop alive, restarting it with jittered exponential backoff."""
    backoff = 1.0
    while True:
        try:
            await fn()
            backoff = 1.0
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("background_task_crashed", task=name, restart_in=backoff)
            await asyncio.sleep(backoff + random.uniform(0, backoff / 2))
            backoff = min(max_backoff, backoff * 2)


def approval_nudger(email: EmailClient, interval: float) -> Callable[[], Awaitable[None]]:
    async def loop() -> None:
        while True:
            async with SessionFactory() as session:
                sent = await ReminderService(ReminderRepository(session), email).nudge_approvers()
                await session.commit()
            if sent:
                log.info("approval_nudges_sent", count=sent)
            await asyncio.sleep(interval)

    return loop


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging()
    await init_reporting_pool()
    app.state.redis = get_redis()
    app.state.payments = PaymentsClient()
    app.state.storage = ObjectStorage()
    app.state.email = EmailClient()
    await app.state.email.start()
    app.state.jurisdictions = JurisdictionClient()
    await app.state.jurisdictions.start()
    app.state.fx_client = FxClient()
    app.state.fx = FxService(app.state.fx_client)
    app.state.cpu_pool = ProcessPoolExecutor(max_workers=settings.cpu_workers)
    app.state.withholding = WithholdingService(app.state.cpu_pool)
    app.state.login_throttle = LoginThrottle()

    app.state.relay_task = asyncio.create_task(ProgressRelay().run(), name="progress-relay")
    app.state.nudger_task = asyncio.create_task(
        supervise("approval-nudger", approval_nudger(app.state.email, settings.reminder_interval_seconds)),
        name="approval-nudger",
    )
    log.info("app_started", environment=settings.environment)
    try:
        yield
    finally:
        for task in (app.state.relay_task, app.state.nudger_task):
            task.cancel()
        await asyncio.gather(app.state.relay_task, app.state.nudger_task, return_exceptions=True)
        await app.state.payments.close()
        await app.state.email.close()
        await app.state.jurisdictions.close()
        await app.state.fx_client.close()
        app.state.cpu_pool.shutdown(wait=False, cancel_futures=True)
        await close_reporting_pool()
        await close_redis()
        await dispose_engine()
