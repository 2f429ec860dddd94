"""Escrow payout service."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from escrow.client import EscrowClient
from escrow.worker import PayoutWorker


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = EscrowClient()
    worker = PayoutWorker(client)
    task = asyncio.create_task(worker.run_forever())
    yield
    task.cancel()
    await client.aclose()


app = FastAPI(lifespan=lifespan)
