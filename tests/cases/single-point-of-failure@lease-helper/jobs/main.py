import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from jobs.stores import cache
from jobs.workers import run_payouts, run_sweeper


@asynccontextmanager
async def lifespan(app: FastAPI):
    payouts = asyncio.create_task(run_payouts())
    sweeper = asyncio.create_task(run_sweeper())
    yield
    payouts.cancel()
    sweeper.cancel()


app = FastAPI(lifespan=lifespan)


@app.get("/balance/{account}")
async def balance(account: str) -> dict:
    return {"account": account, "cents": await cache.get(f"balance:{account}")}
