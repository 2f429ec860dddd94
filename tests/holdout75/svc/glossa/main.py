from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from glossa import __version__
from glossa.cache import ProjectSettingsCache, build_redis
from glossa.clients import BillingClient, DeepLClient, GitHostClient, GoogleMTClient, ObjectStorage
from glossa.db import build_engine, build_sessionmaker, create_pg_pool
from glossa.middleware import RateLimitMiddleware, RequestIdMiddleware, register_error_handlers
from glossa.repositories.projects import GitLinkRepository, ProjectRepository
from glossa.repositories.strings import StringRepository, TranslationRepository
from glossa.repositories.jobs import WebhookRepository
from glossa.repositories.tm import TMRepository
from glossa.repositories.usage import UsageRepository
from glossa.repositories.workflow import AssignmentRepository, UserRepository
from glossa.routers import exports, health, imports, projects, releases, translations, usage, workflow, ws_activity, ws_editor
from glossa.services.editor import EditorService, SegmentLocks
from glossa.services.git_sync import GitSyncService
from glossa.services.importer import ImportService
from glossa.services.metering import MeteringService, QuotaService, UsageBuffer
from glossa.services.mt import MTService
from glossa.services.presence import ActivityHub, PresenceBroadcaster
from glossa.services.releases import ReleaseService
from glossa.services.tm_service import TMService
from glossa.services.webhooks import WebhookDispatcher
from glossa.services.workflow import WorkflowService
from glossa.settings import get_settings
from glossa.utils.resilience import TaskSet, supervise
from glossa.workers.git_sync_worker import GitSyncScheduler

logger = logging.getLogger("glossa")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")

    engine = build_engine(settings)
    sessions = build_sessionmaker(engine)
    pg = await create_pg_pool(settings)
    redis = build_redis(settings)
    http = httpx.AsyncClient(
        timeout=httpx.Timeout(15.0, connect=5.0),
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
    )
    deepl = DeepLClient(settings.deepl_url, settings.deepl_key)
    google = GoogleMTClient(settings.google_mt_url, settings.google_mt_key)
    await google.start()
    git = GitHostClient(settings.git_api_url, settings.git_token)
    billing = BillingClient(settings.billing_url, settings.billing_key)
    storage = ObjectStorage(settings.storage_url, settings.storage_bucket, settings.storage_token, http, settings.signing_secret)

    project_repo = ProjectRepository()
    strings = StringRepository()
    translations_repo = TranslationRepository()
    usage_repo = UsageRepository(pg)

    quotas = QuotaService(redis, settings)
    buffer = UsageBuffer()
    metering = MeteringService(buffer, usage_repo, redis, billing, settings.mt_monthly_chars)
    activity = ActivityHub()
    presence = PresenceBroadcaster(redis, settings.replica_id)
    webhooks = WebhookDispatcher(WebhookRepository(pg), http, settings)
    release_service = ReleaseService(sessions, redis, project_repo, strings, webhooks, http)
    importer = ImportService(settings, sessions, strings, translations_repo)
    git_sync = GitSyncService(settings, git, importer)

    state = app.state
    state.settings = settings
    state.engine = engine
    state.sessions = sessions
    state.pg = pg
    state.redis = redis
    state.http = http
    state.storage = storage
    state.usage_repo = usage_repo
    state.quotas = quotas
    state.metering = metering
    state.activity = activity
    state.webhooks = webhooks
    state.releases = release_service
    state.importer = importer
    state.project_settings = ProjectSettingsCache(redis, sessions, project_repo)
    state.tm = TMService(TMRepository(pg), redis, settings)
    state.mt = MTService(settings, deepl, google, quotas)
    state.editor = EditorService(settings, sessions, presence, SegmentLocks(redis), translations_repo)
    state.workflow = WorkflowService(
        sessions, AssignmentRepository(), UserRepository(), strings, translations_repo, release_service, activity
    )

    tasks = TaskSet()
    tasks.spawn(supervise("usage-flush", metering.flush_forever), name="usage-flush")
    scheduler = GitSyncScheduler(sessions, GitLinkRepository(), git_sync, settings)
    app.state.git_scheduler = asyncio.create_task(scheduler.run_forever(), name="git-sync")
    logger.info("glossa %s started (replica %s)", __version__, settings.replica_id)
    try:
        yield
    finally:
        app.state.git_scheduler.cancel()
        await tasks.cancel_all()
        await buffer.drain(usage_repo)
        await google.close()
        await deepl.aclose()
        await git.aclose()
        await http.aclose()
        await redis.aclose()
        await pg.close()
        await engine.dispose()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="Glossa", version=__version__, lifespan=lifespan)
    app.add_middleware(RateLimitMiddleware, per_minute=settings.rate_limit_per_minute)
    app.add_middleware(RequestIdMiddleware)
    register_error_handlers(app)
    for module in (health, projects, imports, translations, workflow, releases, exports, usage, ws_editor, ws_activity):
        app.include_router(module.router)
    return app


app = create_app()
