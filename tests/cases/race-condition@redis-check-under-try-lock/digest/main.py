"""Digest worker, started with the app in every replica."""
import asyncio
from contextlib import asynccontextmanager

import redis.asyncio as redis
from fastapi import FastAPI

from digest.worker import DigestWorker


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = redis.Redis(host="redis")
    worker = DigestWorker(client)
    task = asyncio.create_task(worker.run())
    yield
    task.cancel()
    await client.aclose()


app = FastAPI(lifespan=lifespan)
