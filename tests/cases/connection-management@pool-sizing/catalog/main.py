"""Catalog API: sync endpoints, threadpool capped at the pool's size."""
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI

from catalog import settings
from catalog.db import engine
from catalog.routes import router


@asynccontextmanager
async def lifespan(app: FastAPI):
    limiter = anyio.to_thread.current_default_thread_limiter()
    limiter.total_tokens = settings.THREADPOOL_SIZE
    yield
    engine.dispose()


app = FastAPI(title="catalog", lifespan=lifespan)
app.include_router(router)
