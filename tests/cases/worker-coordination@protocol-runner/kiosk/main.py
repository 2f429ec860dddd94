import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from kiosk.schedule import At, nightly
from kiosk.tasks import ArchiveTickets

engine = create_async_engine("postgresql+asyncpg://kiosk@db/kiosk", pool_timeout=5)


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = asyncio.create_task(nightly(At(2, ArchiveTickets(async_sessionmaker(engine)))))
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)
