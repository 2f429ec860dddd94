from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import structlog
from fastapi import FastAPI

from pulsewatch import __version__
from pulsewatch.api.middleware import RequestContextMiddleware, install_error_handlers
from pulsewatch.api.routes import (
    alerting,
    auth,
    health,
    incidents,
    ingest,
    monitors,
    organisations,
    public,
    reports,
    status_pages,
)
from pulsewatch.api.ws import dashboard, incident_feed, public_status
from pulsewatch.api.ws.hub import ConnectionHub
from pulsewatch.clients.email import EmailClient
from pulsewatch.clients.metrics import MetricsClient
from pulsewatch.config import get_settings
from pulsewatch.db.orm import dispose_engine, init_engine, session_factory
from pulsewatch.db.pool import close_pool, init_pool
from pulsewatch.db.redis import close_redis, init_redis
from pulsewatch.logging_setup import configure_logging
from pulsewatch.repositories.check_results import CheckResultRepository
from pulsewatch.repositories.maintenance import MaintenanceRepository
from pulsewatch.repositories.monitors import MonitorRepository
from pulsewatch.repositories.organisations import OrganisationRepository
from pulsewatch.repositories.subscribers import SubscriberRepository
from pulsewatch.repositories.users import ApiKeyRepository, UserRepository
from pulsewatch.services.auth import AuthService, LoginThrottle, PasswordResetService
from pulsewatch.services.branding import BrandingService
from pulsewatch.services.live import LivePublisher
from pulsewatch.services.maintenance import MaintenanceService
from pulsewatch.services.reports import ReportService
from pulsewatch.services.sla import SlaService
from pulsewatch.services.subscribers import SubscriberService
from pulsewatch.workers import maintenance_tick
from pulsewatch.workers.common import supervise

log = structlog.get_logger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure_logging(json_logs=not settings.debug)
    pool = await init_pool(settings)
    redis = init_redis(settings)
    init_engine(settings)
    metrics = MetricsClient(settings)
    email = EmailClient(settings)

    app.state.settings = settings
    app.state.pool = pool
    app.state.redis = redis
    app.state.session_factory = session_factory()
    app.state.metrics = metrics
    app.state.email = email
    app.state.auth_service = AuthService(
        settings, UserRepository(pool), OrganisationRepository(pool), ApiKeyRepository(pool), LoginThrottle()
    )
    app.state.password_reset = PasswordResetService(settings, UserRepository(pool), email)
    app.state.branding = BrandingService(settings)
    app.state.sla = SlaService(
        settings, pool, MonitorRepository(pool), CheckResultRepository(pool), MaintenanceRepository(pool)
    )
    app.state.reports = ReportService(settings, MonitorRepository(pool), CheckResultRepository(pool))

    hub = ConnectionHub(redis)
    app.state.hub = hub
    app.state.hub_task = asyncio.create_task(hub.run_listener())

    stop = asyncio.Event()
    maintenance_repo = MaintenanceRepository(pool)
    maintenance_service = MaintenanceService(
        maintenance_repo, SubscriberService(settings, SubscriberRepository(pool), email), LivePublisher(redis)
    )
    maintenance_task = asyncio.create_task(
        supervise("maintenance", lambda: maintenance_tick.run_forever(maintenance_repo, maintenance_service, stop), stop)
    )
    log.info("api.started", version=__version__, region=settings.region)
    try:
        yield
    finally:
        stop.set()
        app.state.hub_task.cancel()
        await asyncio.gather(maintenance_task, app.state.hub_task, return_exceptions=True)
        await email.aclose()
        await metrics.aclose()
        await dispose_engine()
        await close_redis()
        await close_pool()


def create_app() -> FastAPI:
    app = FastAPI(title="Pulsewatch API", version=__version__, lifespan=lifespan)
    app.add_middleware(RequestContextMiddleware)
    install_error_handlers(app)
    for module in (health, auth, organisations, monitors, incidents, alerting, status_pages, public, reports, ingest):
        app.include_router(module.router)
    app.include_router(status_pages.maintenance_router)
    for module in (dashboard, incident_feed, public_status):
        app.include_router(module.router)
    return app


app = create_app()
