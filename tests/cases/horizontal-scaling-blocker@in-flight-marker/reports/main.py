from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from reports.service import ReportService


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(base_url="https://render.internal", timeout=10.0)
    app.state.reports = ReportService(http)
    yield
    await http.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/accounts/{account_id}/report")
async def build_report(account_id: int) -> dict:
    return await app.state.reports.build(account_id)


@app.get("/rates/{currency}")
async def rates(currency: str) -> dict:
    return await app.state.reports.rates(currency)


@app.post("/accounts/{account_id}/follow")
async def follow(account_id: int) -> dict:
    await app.state.reports.follow(account_id)
    return {"ok": True}
