import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI
from redis.asyncio import Redis

from marina.cron import Cron
from marina.harbour import Harbour
from marina.sync import FeeSync, MooringSync, RefundConsumer


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://db/marina")
    redis = Redis.from_url("redis://cache", socket_timeout=2)
    harbour = Harbour()
    cron = Cron()
    cron.register("moorings", 86400, MooringSync(pool, harbour).nightly)
    cron.register("fees", 3600, FeeSync(pool, harbour).hourly)
    cron.register("refunds", 1, RefundConsumer(pool, redis).consume)
    task = asyncio.create_task(cron.loop())
    yield
    task.cancel()
    await pool.close()


app = FastAPI(lifespan=lifespan)
