"""The API process: it also runs a consumer beside the requests."""
import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI
from redis import asyncio as aioredis

from tally.consumer import StreamConsumer


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://tally")
    consumer = StreamConsumer(aioredis.Redis(), pool)
    app.state.consumer = asyncio.create_task(consumer.run())  # expect: no-recovery
    yield
    consumer.stop()
    app.state.consumer.cancel()


app = FastAPI(lifespan=lifespan)
