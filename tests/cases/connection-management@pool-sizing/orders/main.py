"""Orders API: the pool is opened at startup and closed at shutdown."""
from contextlib import asynccontextmanager

from fastapi import FastAPI

from orders.db import open_pool
from orders.routes import router


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await open_pool()
    try:
        yield
    finally:
        await app.state.pool.close()


app = FastAPI(title="orders", lifespan=lifespan)
app.include_router(router)
