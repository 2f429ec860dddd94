"""Application wiring: the edit consumer and the archiver run beside the API."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import redis.asyncio as redis
from fastapi import FastAPI

from .archiver import Archiver
from .clients import DocumentStore
from .consumer import EditConsumer


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = redis.from_url("redis://localhost")
    store = DocumentStore("https://docs.example")
    consumer = EditConsumer(client, store)
    archiver = Archiver(client, store)
    app.state.consumer_task = asyncio.create_task(consumer.run())
    app.state.archiver_task = asyncio.create_task(archiver.run())
    yield
    app.state.consumer_task.cancel()
    app.state.archiver_task.cancel()


app = FastAPI(lifespan=lifespan)
