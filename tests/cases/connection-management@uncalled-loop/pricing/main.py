from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from pricing.rates import BatchRatesClient, RatesClient, SharedRatesClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(base_url="http://rates", timeout=5.0)
    app.state.rates = RatesClient("http://rates")
    app.state.shared_rates = SharedRatesClient(http)
    app.state.batch_rates = BatchRatesClient("http://rates")
    yield
    await http.aclose()


app = FastAPI(lifespan=lifespan)


@app.get("/health")
async def health() -> dict:
    return {"ok": True}
