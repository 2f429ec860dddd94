import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from exports.db import build_engine
from exports.worker import ExportWorker


@asynccontextmanager
async def lifespan(app: FastAPI):
    engine = build_engine("postgresql+asyncpg://db/app")
    worker = ExportWorker(engine, "postgresql+asyncpg://replica/app")
    task = asyncio.create_task(worker.run())
    yield
    task.cancel()
    await engine.dispose()


app = FastAPI(lifespan=lifespan)
