"""Quotes API: starts its own scheduler in every worker process."""
from __future__ import annotations

from contextlib import asynccontextmanager

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from fastapi import FastAPI

from ledger.jobs import expire_quotes

scheduler = AsyncIOScheduler(timezone="UTC")


@asynccontextmanager
async def lifespan(app: FastAPI):
    scheduler.add_job(expire_quotes, "interval", minutes=1, id="quotes")
    scheduler.start()  # expect: worker-coordination
    yield
    scheduler.shutdown(wait=False)


app = FastAPI(lifespan=lifespan)
