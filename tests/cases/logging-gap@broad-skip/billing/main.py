"""The billing service: an API and a nightly invoice job started with the app."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from .api import router
from .jobs import invoice_loop


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = asyncio.create_task(invoice_loop())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)
app.include_router(router)
