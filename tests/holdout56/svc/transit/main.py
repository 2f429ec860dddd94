"""Application factory and lifespan wiring."""
from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from datetime import time

from fastapi import FastAPI
from prometheus_client import make_asgi_app

from transit.api import (
    accounts,
    admin,
    alerts,
    arrivals,
    fares,
    health,
    planner,
    vehicles,
)
from transit.cache.arrival_cache import build_redis
from transit.config import configure, get_settings
from transit.container import build_container
from transit.db.orm import build_engine, build_sessionmaker
from transit.db.pool import create_pool
from transit.services.alerts import AlertFanoutWorker
from transit.utils.locks import RedisLock
from transit.workers.feed_poller import FeedPoller, PredictionRefreshJob
from transit.workers.scheduler import (
    Daily,
    Every,
    PositionsPurgeJob,
    RidershipNightlyJob,
    run_daily,
    run_every,
    supervise,
)
from transit.ws import alerts_stream, live

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure(settings.env)
    pool = await create_pool(settings)
    engine = build_engine(settings)
    redis = build_redis(settings)
    c = build_container(settings, pool, engine, build_sessionmaker(engine), redis)
    await c.push.start()
    await c.hub.start()
    app.state.settings = settings
    app.state.container = c

    stop = asyncio.Event()
    poller = FeedPoller(c.feed_client, c.ingest, c.predictions, RedisLock(redis, "feed-poller", ttl_ms=45_000))
    fanout = AlertFanoutWorker(c.alerts, c.fanout, redis)
    tasks = [
        asyncio.create_task(poller.run(settings.feeds, stop), name="feed-poller"),
        asyncio.create_task(supervise("alert-fanout", lambda: fanout.run(stop), stop), name="alert-fanout"),
        asyncio.create_task(alerts_stream.relay_alerts(redis, stop), name="alerts-relay"),
        asyncio.create_task(run_every(Every(PredictionRefreshJob(c.predictions), 20), stop), name="prediction-refresh"),
        asyncio.create_task(run_daily(Daily(RidershipNightlyJob(c.ridership), time(3, 30)), stop), name="ridership"),
        asyncio.create_task(
            run_daily(Daily(PositionsPurgeJob(c.positions, RedisLock(redis, "purge", ttl_ms=3_600_000)), time(4, 0)), stop),
            name="positions-purge",
        ),
    ]
    logger.info("transit realtime started with %d feeds", len(settings.feeds))
    try:
        yield
    finally:
        stop.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await c.hub.stop()
        await c.feed_client.aclose()
        await c.routing.aclose()
        await c.payments.aclose()
        await c.push.close()
        await redis.aclose()
        await engine.dispose()
        await pool.close()
        c.decoder_pool.shutdown(wait=False, cancel_futures=True)


def create_app() -> FastAPI:
    app = FastAPI(title="Transit Realtime", version="3.2.0", lifespan=lifespan)
    for module in (health, vehicles, arrivals, planner, accounts, fares, alerts, admin):
        app.include_router(module.router)
    app.include_router(fares.webhook_router)
    app.include_router(live.router)
    app.include_router(alerts_stream.router)
    app.mount("/metrics", make_asgi_app())
    return app


app = create_app()
