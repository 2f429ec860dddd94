import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from pathlib import Path

from .sweep import clear_staging, drop, manifest_names, pending_names, purge_stale


async def sweeper() -> None:
    while True:
        await asyncio.sleep(600)
        purge_stale()


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = asyncio.create_task(sweeper())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)
UPLOADS_STAGING = Path("/srv/uploads/.staging")


@app.get("/uploads/pending")
async def pending() -> list[str]:
    return pending_names()


@app.get("/uploads/manifests")
async def manifests() -> list[str]:
    return await asyncio.to_thread(manifest_names)


@app.get("/uploads/manifests/sync")
def manifests_sync() -> list[str]:
    return manifest_names()


@app.delete("/uploads/{name}")
async def remove(name: str) -> dict:
    drop(name)
    return {"removed": name}


@app.post("/uploads/staging/reset")
async def reset_staging() -> dict:
    clear_staging(UPLOADS_STAGING)
    return {"reset": True}
