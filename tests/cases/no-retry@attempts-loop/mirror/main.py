"""API process; the mirror job runs beside it."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from mirror.hosts import ArtifactHost, GitHost
from mirror.worker import Mirror


@asynccontextmanager
async def lifespan(app: FastAPI):
    mirror = Mirror(GitHost("https://git.internal"), ArtifactHost("https://artifacts.internal"), ["core", "web"])
    task = asyncio.create_task(mirror.run())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)


@app.get("/healthz")
async def healthz() -> dict:
    return {"ok": True}
