"""Merchant API: starts the webhook dispatcher and the expiry sweep in every process."""
import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from outbox.dispatcher import Dispatcher
from outbox.sweeper import Sweeper


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://db/merchants", command_timeout=30)
    stop = asyncio.Event()
    tasks = [
        asyncio.create_task(Dispatcher(pool).run_forever(stop)),
        asyncio.create_task(Sweeper(pool).run_forever(stop)),
    ]
    yield
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    await pool.close()


app = FastAPI(lifespan=lifespan)
