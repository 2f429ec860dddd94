from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI
from redis.asyncio import Redis

from ledger.jobs import InterestAccrual, StatementMailer
from ledger.runner import JobHost


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://ledger@db/ledger")
    redis = Redis.from_url("redis://cache")
    host = JobHost([InterestAccrual(pool), StatementMailer(pool, redis)])
    host.launch()
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)
