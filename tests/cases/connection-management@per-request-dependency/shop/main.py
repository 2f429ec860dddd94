from contextlib import asynccontextmanager

import asyncpg
from fastapi import Depends, FastAPI, Request
from redis.asyncio import Redis

from shop.deps import rate_limit, shared_rate_limit
from shop.orders import OrderRepository, OrderService
from shop.settings import LIMITS_URL, PG_DSN


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool(PG_DSN, min_size=1, max_size=10)
    state = app.state
    state.limits, state.orders = Redis.from_url(LIMITS_URL, socket_timeout=1.0), OrderService(OrderRepository(pool))
    yield
    await pool.close()
    await state.limits.aclose()


app = FastAPI(lifespan=lifespan)


@app.get("/orders/export", dependencies=[Depends(rate_limit)])
async def export(account_id: int, request: Request) -> str:
    return await request.app.state.orders.export_csv(account_id)


@app.get("/orders/recent", dependencies=[Depends(shared_rate_limit)])
async def recent(account_id: int, request: Request) -> list:
    return await request.app.state.orders.recent(account_id)
