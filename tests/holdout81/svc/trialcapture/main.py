from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from . import __version__
from .container import build_container
from .errors import ConfigError, install_handlers
from .middleware.rate_limit import RateLimitMiddleware
from .middleware.request_context import AuditTrailMiddleware, RequestContextMiddleware, RequestCounter
from .routers import consent, dashboard_ws, exports, health, queries_ws, safety, studies, subjects
from .settings import Settings, get_settings
from .workers.data_lock import DataLockWorker

log = logging.getLogger(__name__)


def _check_settings(settings: Settings) -> None:
    if settings.environment != "production":
        return
    try:
        os.environ["EDC_PSEUDONYM_SALT"]
    except KeyError as exc:
        raise ConfigError("EDC_PSEUDONYM_SALT must be set in production") from exc
    if settings.jwt_secret == "change-me":
        raise ConfigError("EDC_JWT_SECRET must be changed in production")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    _check_settings(settings)
    container = await build_container(settings)
    app.state.container = container
    container.background.supervise(container.query_hub.run, "query-hub")
    container.background.spawn(DataLockWorker(container).run_forever(), name="data-lock")
    log.info("trialcapture %s started (%s)", __version__, settings.environment)
    try:
        yield
    finally:
        await container.close()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="TrialCapture EDC", version=__version__, lifespan=lifespan)
    counter = RequestCounter()
    app.state.request_counter = counter
    app.add_middleware(AuditTrailMiddleware)
    app.add_middleware(RateLimitMiddleware, per_minute=settings.rate_limit_per_minute)
    app.add_middleware(RequestContextMiddleware, counter=counter)
    install_handlers(app)
    for module in (studies, subjects, consent, safety, queries_ws, dashboard_ws, exports, health):
        app.include_router(module.router)
    return app


app = create_app()
