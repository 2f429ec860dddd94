import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from .pumps import Relay, RelayGroup, RelaySession


@asynccontextmanager
async def lifespan(app: FastAPI):
    relay = Relay(httpx.AsyncClient(base_url="https://upstream.example.com", timeout=10.0), asyncio.Event(),
                  RelaySession(RelayGroup()))
    await relay.start()
    yield


app = FastAPI(lifespan=lifespan)
