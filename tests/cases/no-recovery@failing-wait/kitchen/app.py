import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI
from redis.asyncio import Redis

from kitchen.tickets import TicketPrinter, drain_local, stream_orders, stream_orders_backing_off


@asynccontextmanager
async def lifespan(app: FastAPI):
    redis = Redis.from_url("redis://cache:6379/0", socket_timeout=5)
    local: asyncio.Queue = asyncio.Queue(maxsize=100)
    tasks = [
        asyncio.create_task(TicketPrinter(redis).run()),
        asyncio.create_task(stream_orders(redis)),
        asyncio.create_task(drain_local(local)),
        asyncio.create_task(stream_orders_backing_off(redis)),
    ]
    for task in tasks:
        task.add_done_callback(lambda t: None if t.cancelled() else t.exception())
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
