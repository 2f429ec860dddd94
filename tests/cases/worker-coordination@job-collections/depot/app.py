import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from depot.workers import RouteWarmer, StaleParcels, supervise


@asynccontextmanager
async def lifespan(app: FastAPI):
    engine = create_async_engine("postgresql+asyncpg://depot@db/depot")
    sessions = async_sessionmaker(engine)
    workers = [StaleParcels(sessions), RouteWarmer()]
    tasks = [asyncio.create_task(supervise(w.run)) for w in workers]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
