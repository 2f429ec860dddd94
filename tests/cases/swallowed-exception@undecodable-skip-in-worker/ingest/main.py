"""The ingest service starts its consumers in the lifespan."""
import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI
from redis.asyncio import Redis

from ingest.consumer import AuditConsumer, LimitsWatcher, UsageConsumer
from ingest.store import UsageStore


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://app@db/app", command_timeout=30)
    redis = Redis(host="cache", socket_timeout=10)
    store = UsageStore(pool)
    tasks = [asyncio.create_task(UsageConsumer(redis, store).run()),
             asyncio.create_task(AuditConsumer(redis, store).run()),
             asyncio.create_task(LimitsWatcher(redis).run())]
    yield
    for task in tasks:
        task.cancel()
    await pool.close()


app = FastAPI(lifespan=lifespan)
