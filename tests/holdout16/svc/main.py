"""Application entry point: wires pools, clients, services and background workers."""
from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from svc.api import bidding, campaigns, dashboard, events, reports
from svc.clients.billing import BillingClient
from svc.clients.exchange import ExchangeClient
from svc.clients.partners import BrandSafetyClient, FxClient, GeoClient
from svc.config import get_settings, settings
from svc.db.engine import create_engine_and_sessionmaker, create_pg_pool
from svc.db.event_repo import EventRepository
from svc.db.report_repo import ReportRepository
from svc.errors import AdPlatformError
from svc.middleware import (InProcessRateLimiter, deadline_middleware, error_envelope_middleware, rate_limit_middleware)
from svc.redis_clients import make_cache_redis, make_freqcap_redis, make_pacing_redis, make_pubsub_redis
from svc.services.bidder import Bidder, BidStats, refresh_local_state
from svc.services.caches import CampaignCache, FloorPriceCache, TargetingCache
from svc.services.events import EventIngestor
from svc.services.hub import DashboardHub
from svc.services.pacing import PacingService
from svc.services.reporting import ReportingService
from svc.utils import load_rate_card
from svc.workers.aggregator import StatsAggregator
from svc.workers.scheduler import MaintenanceWorker, supervise

logger = logging.getLogger("svc")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    cfg = get_settings()
    loop = asyncio.get_running_loop()
    pool = await create_pg_pool(cfg)
    engine, sessionmaker = create_engine_and_sessionmaker(cfg.database_url)
    pacing_redis = make_pacing_redis(cfg)
    cache_redis = make_cache_redis(cfg)
    freqcap_redis = make_freqcap_redis(cfg)
    pubsub_redis = make_pubsub_redis(cfg)
    http = httpx.AsyncClient(limits=httpx.Limits(max_connections=400, max_keepalive_connections=100))
    exchange = ExchangeClient(cfg)
    rate_card = await loop.run_in_executor(None, functools.partial(load_rate_card, cfg.rate_card_path))

    event_repo = EventRepository(pool)
    reports_repo = ReportRepository(pool)
    pacing = PacingService(pacing_redis)
    floors = FloorPriceCache(cache_redis)
    targeting = TargetingCache()
    brand_safety = BrandSafetyClient(http, cfg)
    billing = BillingClient(http, cfg)
    bidder = Bidder(
        pacing=pacing,
        exchange=exchange,
        brand_safety=brand_safety,
        geo=GeoClient(http, cfg),
        fx=FxClient(http, cfg),
        targeting=targeting,
        floors=floors,
        stats=BidStats(cache_redis),
        freqcap=freqcap_redis,
        rate_card=rate_card,
    )
    hub = DashboardHub(pubsub_redis, queue_size=cfg.dashboard_queue_size, max_connections=cfg.dashboard_max_connections)
    ingestor = EventIngestor(event_repo, pubsub_redis, cfg)
    aggregator = StatsAggregator(pool, pubsub_redis, cfg)
    maintenance = MaintenanceWorker(redis=pacing_redis, exchange=exchange, billing=billing, reports=reports_repo)

    app.state.sessionmaker = sessionmaker
    app.state.event_repo = event_repo
    app.state.reports_repo = reports_repo
    app.state.exchange = exchange
    app.state.brand_safety = brand_safety
    app.state.billing = billing
    app.state.pacing = pacing
    app.state.floors = floors
    app.state.bidder = bidder
    app.state.hub = hub
    app.state.ingestor = ingestor
    app.state.campaign_cache = CampaignCache(cache_redis)
    app.state.reporting = ReportingService(reports_repo, event_repo, cache_redis, cfg)

    workers = [
        asyncio.create_task(supervise("event-ingestor", ingestor.run), name="event-ingestor"),
        asyncio.create_task(refresh_local_state(bidder, pacing, floors, reports_repo, cfg.index_refresh_interval)),
        asyncio.create_task(aggregator.run_forever(), name="stats-aggregator"),
        asyncio.create_task(maintenance.run(), name="maintenance"),
    ]
    logger.info("started %d background workers", len(workers))
    try:
        yield
    finally:
        aggregator.stop()
        maintenance.stop()
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        await hub.close()
        await exchange.close()
        await http.aclose()
        await pool.close()
        await engine.dispose()
        for client in (pacing_redis, cache_redis, freqcap_redis, pubsub_redis):
            await client.aclose()


app = FastAPI(title="ads-platform", lifespan=lifespan)
app.state.rate_limiter = InProcessRateLimiter(settings.rate_limit_per_minute)
app.middleware("http")(deadline_middleware)
app.middleware("http")(rate_limit_middleware)
app.middleware("http")(error_envelope_middleware)

app.include_router(campaigns.router)
app.include_router(bidding.router)
app.include_router(events.router)
app.include_router(reports.router)
app.include_router(dashboard.router)


@app.exception_handler(AdPlatformError)
async def platform_error_handler(request: Request, exc: AdPlatformError) -> JSONResponse:
    return JSONResponse(status_code=exc.status_code, content={"error": exc.code, "message": str(exc)})


@app.get("/livez", include_in_schema=False)
async def liveness() -> dict[str, str]:
    """Liveness probe: answers as long as the event loop is serving requests."""
    return {"status": "alive"}


@app.get("/readyz", include_in_schema=False)
async def readiness() -> dict[str, str]:
    """Readiness probe used by the load balancer before routing bid traffic to this replica."""
    return {"status": "ready", "environment": settings.environment}
