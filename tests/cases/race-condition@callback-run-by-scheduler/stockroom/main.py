from contextlib import asynccontextmanager

from fastapi import FastAPI

from stockroom.counters import REDIS, Restocker, ReturnsDesk, _reset_pending
from stockroom.jobs import Ticker, start_periodic


@asynccontextmanager
async def lifespan(app: FastAPI):
    ticker = Ticker()
    restocker = Restocker(REDIS)
    ticker.every(60, restocker.top_up)
    ticker.every(60, restocker.top_up_atomic)
    ticker.describe("reset", _reset_pending)
    desk = ReturnsDesk(REDIS)
    drainer = start_periodic(every=5.0, fn=desk.drain)
    yield
    drainer.cancel()


app = FastAPI(lifespan=lifespan)


@app.get("/health")
async def health() -> dict:
    return {"ok": True}
