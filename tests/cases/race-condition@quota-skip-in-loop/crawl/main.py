import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from crawl import leasing

engine = create_async_engine("postgresql+asyncpg://localhost/crawl")
Sessions = async_sessionmaker(engine)


async def lease_forever() -> None:
    while True:
        async with Sessions() as db:
            await leasing.lease_round(db)
            await leasing.lease_inline(db, [1, 2], {1: 10, 2: 20})
            await leasing.note_over_quota(db)
        await asyncio.sleep(1)


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = asyncio.create_task(lease_forever())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)
