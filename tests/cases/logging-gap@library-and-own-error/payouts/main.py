import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from payouts.provider import PayoutProvider
from payouts.worker import PayoutWorker


@asynccontextmanager
async def lifespan(app: FastAPI):
    worker = PayoutWorker(PayoutProvider("https://payouts.example.com"), {})
    task = asyncio.create_task(worker.run())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)
