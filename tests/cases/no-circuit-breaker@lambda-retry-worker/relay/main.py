import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from relay.partner import PartnerClient
from relay.worker import Outbox, Relay


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = asyncio.create_task(Relay(Outbox(), PartnerClient("https://partner.example.com")).run())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)
