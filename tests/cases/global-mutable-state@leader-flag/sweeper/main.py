"""Cart API."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from sweeper.election import election_loop, step_down


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = asyncio.create_task(election_loop())
    yield
    task.cancel()
    await step_down()


app = FastAPI(lifespan=lifespan)
