"""The shop API runs its timers in every web process."""
from contextlib import asynccontextmanager

import asyncpg
import redis.asyncio as redis
from fastapi import FastAPI

from shop.services import Carts
from shop.timers import Timers


def _timers(carts, cache) -> Timers:
    timers = Timers(cache)
    timers.every(600, carts.expire_abandoned, name="expire-carts")
    timers.every(3600, carts.recount_stock, name="recount", locked=True)
    timers.every(30, carts.resend_failed, name="resend")
    return timers


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://shop@db/shop", command_timeout=30)
    cache = redis.Redis(host="cache", socket_timeout=2)
    carts = Carts(pool, mailer=None)
    timers = _timers(carts, cache)
    timers.start()
    yield
    await cache.aclose()
    await pool.close()


app = FastAPI(lifespan=lifespan)
