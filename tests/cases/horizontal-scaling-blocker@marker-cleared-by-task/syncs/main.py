from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from syncs.service import SyncService


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(base_url="https://billing.internal", timeout=10.0)
    app.state.syncs = SyncService(http)
    yield
    await http.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/accounts/{account_id}/sync")
async def sync(account_id: int) -> dict:
    return await app.state.syncs.request_sync(account_id)


@app.get("/prices/{region}")
async def prices(region: str) -> dict:
    return await app.state.syncs.refresh(region)
