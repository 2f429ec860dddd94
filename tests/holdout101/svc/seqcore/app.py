from __future__ import annotations

import asyncio
import json
import logging
from contextlib import asynccontextmanager

import redis.asyncio as aioredis
from fastapi import FastAPI

from seqcore.api import billing, callbacks, deliveries, health, pipelines, runs, samples, samplesheets, ws_logs, ws_monitor
from seqcore.api.middleware import RequestContextMiddleware, seqcore_error_handler
from seqcore.clients.finance import FinanceClient
from seqcore.clients.instrument import InstrumentAgentClient
from seqcore.clients.scheduler import SchedulerClient
from seqcore.db.engine import build_engine, build_sessionmaker
from seqcore.db.pg import create_pg_pool
from seqcore.errors import SeqcoreError
from seqcore.infra.cache import build_redis
from seqcore.infra.locks import KeyedLocks
from seqcore.infra.storage import ObjectStore
from seqcore.settings import configure_logging
from seqcore.services.monitor import JobLogBuffer, RunMonitorHub
from seqcore.services.ratelimit import CallbackRateLimiter, UploadRateLimiter
from seqcore.settings import get_settings
from seqcore.workers.storage_watcher import RunFolderWatcher

logger = logging.getLogger(__name__)


async def relay_job_logs(redis: aioredis.Redis, buffer: JobLogBuffer) -> None:
    pubsub = redis.pubsub()
    await pubsub.psubscribe("seqcore:joblog:*")
    try:
        async for message in pubsub.listen():
            if message.get("type") != "pmessage":
                continue
            job_id = message["channel"].rsplit(":", 1)[-1]
            buffer.append(job_id, json.loads(message["data"])["line"])
    finally:
        await pubsub.aclose()


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure_logging()
    state = app.state
    state.settings = settings
    state.engine = build_engine(settings)
    state.sessionmaker = build_sessionmaker(state.engine)
    state.pg = await create_pg_pool(settings.pg_dsn)
    state.redis = build_redis(settings.redis_url)
    state.scheduler = SchedulerClient(settings)
    state.finance = FinanceClient(settings)
    await state.finance.start()
    state.agent = InstrumentAgentClient(settings.instrument_agent_url, settings.instrument_shared_secret)
    state.store = ObjectStore(settings.storage_endpoint, settings.storage_region)
    state.hub = RunMonitorHub(settings.max_ws_clients)
    state.job_logs = JobLogBuffer()
    state.locks = KeyedLocks()
    state.upload_limiter = UploadRateLimiter(per_minute=10)
    state.callback_limiter = CallbackRateLimiter(state.redis)

    background: set[asyncio.Task] = set()
    relay = asyncio.create_task(relay_job_logs(state.redis, state.job_logs), name="job-log-relay")
    background.add(relay)
    relay.add_done_callback(background.discard)

    watcher = RunFolderWatcher(state)
    state.watcher_task = asyncio.create_task(watcher.run(), name="run-folder-watcher")
    logger.info("seqcore started (%s)", settings.environment)
    try:
        yield
    finally:
        watcher.stop()
        for task in (*background, state.watcher_task):
            task.cancel()
        await asyncio.gather(*background, state.watcher_task, return_exceptions=True)
        await state.scheduler.aclose()
        await state.agent.aclose()
        await state.finance.close()
        await state.redis.aclose()
        await state.pg.close()
        await state.engine.dispose()


def create_app() -> FastAPI:
    app = FastAPI(title="seqcore", lifespan=lifespan)
    app.add_middleware(RequestContextMiddleware)
    app.add_exception_handler(SeqcoreError, seqcore_error_handler)
    for module in (samplesheets, samples, runs, callbacks, pipelines, deliveries, billing, health):
        app.include_router(module.router, prefix="/api/v1" if module is not health else "")
    app.include_router(ws_monitor.router)
    app.include_router(ws_logs.router)
    return app


app = create_app()
