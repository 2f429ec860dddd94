"""Ledger service."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from ledger.bank import BankClient, FeedClient
from ledger.jobs import nightly_close, poll_feed


@asynccontextmanager
async def lifespan(app: FastAPI):
    tasks = [
        asyncio.create_task(nightly_close(BankClient("https://bank.example.com")), name="nightly-close"),
        asyncio.create_task(poll_feed(FeedClient("https://feed.example.com")), name="feed-poller"),
    ]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)


@app.get("/health")
async def health() -> dict:
    return {"ok": True}
