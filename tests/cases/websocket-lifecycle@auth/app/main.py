"""Console app: the command service lives on app.state."""
from contextlib import asynccontextmanager

import asyncpg
import redis.asyncio as redis
from fastapi import FastAPI

from app.commands import Commands
from app.ws import console


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://localhost/app")
    app.state.commands = Commands(pool, redis.Redis())
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)
app.include_router(console.router)
