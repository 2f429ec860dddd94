import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from studio.encoder import EncoderClient
from studio.poller import run_poller


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(base_url="http://encoder.internal", timeout=10)
    task = asyncio.create_task(run_poller(EncoderClient(http), {}))
    yield
    task.cancel()
    await http.aclose()


app = FastAPI(lifespan=lifespan)
