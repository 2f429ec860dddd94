"""Application wiring."""
from contextlib import asynccontextmanager

import asyncpg
import httpx
import redis.asyncio as redis
from fastapi import FastAPI

from shop.db import OrderStore
from shop.routes import admin, orders
from shop.sessions import engine, reporting_engine


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://shop@db/shop", command_timeout=30)
    app.state.store = OrderStore(pool)
    app.state.http = httpx.AsyncClient(timeout=10)  # expect: connection-management
    app.state.cache = redis.Redis(host="cache", socket_timeout=2)
    yield
    await app.state.cache.aclose()
    await pool.close()
    await engine.dispose()
    reporting_engine.dispose()


app = FastAPI(lifespan=lifespan)
app.include_router(orders.router)
app.include_router(admin.router)
