"""Stats service: the API and the shipping job started with the app."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from .jobs import ship_loop


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = asyncio.create_task(ship_loop())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)
