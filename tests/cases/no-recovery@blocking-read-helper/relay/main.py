import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI
from redis.asyncio import Redis

from relay.workers import AuditForwarder, MetricsForwarder


class HttpSender:
    async def deliver(self, entries: list) -> None:
        raise NotImplementedError


@asynccontextmanager
async def lifespan(app: FastAPI):
    redis = Redis.from_url("redis://cache:6379/0")
    tasks = [asyncio.create_task(AuditForwarder(redis, HttpSender()).run()),
             asyncio.create_task(MetricsForwarder(redis, HttpSender()).run())]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
