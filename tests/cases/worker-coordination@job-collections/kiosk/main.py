"""The jobs are listed in a dict and started in one comprehension."""
import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI
from redis.asyncio import Redis

from kiosk.jobs import MenuRefresh, OrderEvents, ReceiptMailer, TokenPurge


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://kiosk@db/kiosk", command_timeout=10)
    redis = Redis(host="cache", socket_timeout=2)
    jobs = {
        "receipts": ReceiptMailer(pool, 120).run(),
        "tokens": TokenPurge(pool, 600).run(),
        "menu": MenuRefresh(pool, redis, 60).run(),
        "orders": OrderEvents(pool, redis).run(),
    }
    running = [asyncio.create_task(coro, name=name) for name, coro in jobs.items()]
    yield
    for task in running:
        task.cancel()
    await pool.close()


app = FastAPI(lifespan=lifespan)
