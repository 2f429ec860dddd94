import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from mill.jobs import audit_cycle, price_cycle, stock_cycle


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://mill@db/mill", command_timeout=10)
    tasks = [
        asyncio.create_task(stock_cycle(pool, 300)),
        asyncio.create_task(price_cycle(pool, 600)),
        asyncio.create_task(audit_cycle(pool, 3600)),
    ]
    for task in tasks:
        task.add_done_callback(lambda t: t.cancelled() or t.exception())
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
