import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from intake.workers import AppealWorker, ClaimWorker


@asynccontextmanager
async def lifespan(app: FastAPI):
    engine = create_async_engine("postgresql+asyncpg://db/claims", pool_size=10)
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    http = httpx.AsyncClient(base_url="http://fraud.internal", timeout=5.0)
    tasks = [asyncio.create_task(ClaimWorker(sessions, http).run()),
             asyncio.create_task(AppealWorker(sessions, http).run())]
    yield
    for task in tasks:
        task.cancel()
    await http.aclose()
    await engine.dispose()


app = FastAPI(lifespan=lifespan)
