"""Nudge worker: reminds users with unfinished onboarding, started with the app."""
import asyncio
from contextlib import asynccontextmanager

import redis.asyncio as redis
from fastapi import FastAPI

from nudges.worker import NudgeWorker


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = redis.Redis(host="redis")
    worker = NudgeWorker(client)
    task = asyncio.create_task(worker.run())
    yield
    task.cancel()
    await client.aclose()


app = FastAPI(lifespan=lifespan)
