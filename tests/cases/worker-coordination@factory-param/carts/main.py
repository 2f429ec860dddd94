import asyncio
from contextlib import asynccontextmanager
from functools import partial

import asyncpg
from fastapi import FastAPI
from redis.asyncio import Redis

from carts.jobs import daily_reports, expire_carts
from carts.services import build_cart_service, build_report_service


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await asyncpg.create_pool("postgresql://carts@db/carts", command_timeout=10)
    app.state.redis = Redis.from_url("redis://cache:6379/0", socket_timeout=2)
    expiry = expire_carts(partial(build_cart_service, app.state), 300)
    tasks = [
        asyncio.create_task(expiry, name="cart-expiry"),
        asyncio.create_task(daily_reports(partial(build_report_service, app.state), 3600), name="reports"),
    ]
    yield
    for task in tasks:
        task.cancel()
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)
