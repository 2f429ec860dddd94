"""Application factory and lifespan for the newsroom API."""
from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse

from .cache import close_redis, init_redis
from .clients.cdn import CdnClient
from .clients.partners import Notifier, PartnerClient
from .clients.search import SearchClient
from .clients.storage import MediaStorage
from .config import get_settings
from .db.connections import close_pool, dispose_engine, init_engine, init_pool
from .repos.syndication import SyndicationRepository
from .routers import admin, articles, images, liveblog, search, syndication, workflow
from .services import tenants
from .services.cdn_purge import Purger, PurgeRetryWorker
from .services.indexing import IndexOutbox, IndexQueue
from .services.publishing import FrontPage, PublishingService
from .services.syndication import SyndicationService
from .utils.http import RequestContextMiddleware, configure_logging
from .workers.embargo import EmbargoWorker
from .workers.indexer import Indexer
from .workers.scheduler import Scheduler
from .workers.syndication_push import SyndicationPusher
from .workers.wire_ingest import WireClient, WireIngest
from .ws import editor, live
from .ws.live import ReaderHub

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure_logging()
    init_engine(settings)
    pg = await init_pool(settings)
    redis = init_redis(settings)

    storage = MediaStorage(settings.storage_root, settings.media_base_url)
    search_client = SearchClient(settings)
    cdn = CdnClient(settings)
    await cdn.start()
    partners = PartnerClient()
    notifier = Notifier(settings.notify_url)
    wire = WireClient(settings.wire_url, settings.wire_api_key)
    await wire.start()

    hub = ReaderHub(redis, settings.ws_max_connections_per_blog)
    await hub.start()
    frontpage = FrontPage(redis)
    purger = Purger(cdn, redis)
    synd_repo = SyndicationRepository(pg)

    def make_publisher(session):
        from .cache import ArticleCache

        return PublishingService(
            session, purger, frontpage, SyndicationService(synd_repo, ArticleCache(redis), settings.media_base_url)
        )

    indexer = Indexer(search_client, IndexOutbox(pg), IndexQueue(redis))
    await indexer.start()
    all_tenants = tenants.all_tenants()
    workers = {
        "indexer": indexer.run(),
        "scheduler": Scheduler(redis, make_publisher, settings.scheduler_interval).run(),
        "embargo": EmbargoWorker(redis, frontpage).run(),
        "syndication": SyndicationPusher(settings, synd_repo, partners).run(all_tenants),
        "purge-retry": PurgeRetryWorker(redis, cdn, lambda url: tenants.tenant_settings(
            url.split("//", 1)[-1].split(".", 1)[0]).cdn_zone).run(),
        "wire": WireIngest(redis, wire, all_tenants).run(),
    }
    background = [asyncio.create_task(coro, name=name) for name, coro in workers.items()]

    app.state.settings = settings
    app.state.redis = redis
    app.state.storage = storage
    app.state.search = search_client
    app.state.notifier = notifier
    app.state.reader_hub = hub
    app.state.frontpage = frontpage
    app.state.make_publisher = make_publisher
    app.state.background_tasks = background
    try:
        yield
    finally:
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await indexer.stop()
        await hub.stop()
        await cdn.close()
        await wire.close()
        await partners.aclose()
        await notifier.aclose()
        await close_redis()
        await close_pool()
        await dispose_engine()


health = APIRouter(tags=["health"])


@health.get("/live")
async def liveness() -> dict:
    return {"status": "alive"}


@health.get("/ready")
async def readiness() -> dict:
    return {"status": "ok"}


def create_app() -> FastAPI:
    tenants.bootstrap()
    app = FastAPI(title="Newsroom CMS", lifespan=lifespan)
    app.add_middleware(RequestContextMiddleware)
    for module in (articles, workflow, liveblog, images, syndication, admin, search):
        app.include_router(module.router)
    app.include_router(health)
    app.include_router(live.router)
    app.include_router(editor.router)

    @app.exception_handler(Exception)
    async def unhandled(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal error"}, status_code=500)

    return app


app = create_app()
