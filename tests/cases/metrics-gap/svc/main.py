"""A service that logs but measures nothing."""
import logging
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Request

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await asyncpg.create_pool("postgresql://svc@db/svc", command_timeout=30)
    yield
    await app.state.pool.close()


app = FastAPI(title="svc", lifespan=lifespan)  # expect: metrics-gap


@app.get("/orders")
async def orders(request: Request) -> list:
    logger.info("listing orders")
    return await request.app.state.pool.fetch("SELECT id FROM orders LIMIT 10")
