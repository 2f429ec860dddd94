"""Billing API."""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from billing.db import engine
from billing.scheduling import build_scheduler


@asynccontextmanager
async def lifespan(app: FastAPI):
    scheduler = build_scheduler()
    scheduler.start()  # expect: worker-coordination
    try:
        yield
    finally:
        scheduler.shutdown(wait=False)
        await engine.dispose()


app = FastAPI(lifespan=lifespan)


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}
