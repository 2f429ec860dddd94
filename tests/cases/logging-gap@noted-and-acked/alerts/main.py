from contextlib import asynccontextmanager

from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from alerts.service import AlertService
from alerts.runner import Runner
from alerts.worker import AlertWorker


@asynccontextmanager
async def lifespan(app: FastAPI):
    engine = create_async_engine("postgresql+asyncpg://db/alerts", pool_size=5)
    redis = Redis.from_url("redis://cache", socket_timeout=2.0)
    worker = AlertWorker(redis, AlertService(async_sessionmaker(engine), redis))
    runner = Runner()
    runner.spawn("alerts", worker.run)
    yield
    runner.stop()
    await engine.dispose()


app = FastAPI(lifespan=lifespan)
