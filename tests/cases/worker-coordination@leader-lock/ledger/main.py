"""Ledger API: the scheduler runs in the elected process only."""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from ledger.leader import start_if_leader, scheduler


@asynccontextmanager
async def lifespan(app: FastAPI):
    await start_if_leader()
    yield
    if scheduler.running:
        scheduler.shutdown(wait=False)


app = FastAPI(lifespan=lifespan)
