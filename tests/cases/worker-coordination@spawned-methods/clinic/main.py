from contextlib import asynccontextmanager

from fastapi import FastAPI
from redis.asyncio import Redis

from clinic.cron import Chores
from clinic.db import engine


async def listen_for_pages() -> None:
    ...


@asynccontextmanager
async def lifespan(app: FastAPI):
    chores = Chores(Redis.from_url("redis://cache"))
    chores.begin(listen_for_pages)
    yield
    await engine.dispose()


app = FastAPI(lifespan=lifespan)
