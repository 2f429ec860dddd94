import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from billing.provider import ProviderClient
from billing.sweeper import run_sweeper


class Pending:
    async def fees(self) -> list[str]:
        return []

    async def refunds(self) -> list[str]:
        return []


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = asyncio.create_task(run_sweeper(ProviderClient(), Pending()))
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)
