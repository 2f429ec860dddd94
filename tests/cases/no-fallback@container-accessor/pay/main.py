from contextlib import asynccontextmanager

import aiohttp
import httpx
from fastapi import FastAPI, Request

from pay.container import backoffice, build, start_backoffice
from pay.deps import services


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(base_url="https://rates.internal", timeout=3.0)
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5))
    app.state.services = build(http)
    start_backoffice(session)
    yield
    await http.aclose()
    await session.close()


app = FastAPI(lifespan=lifespan)


@app.get("/quote")
async def quote(amount: int, currency: str, request: Request) -> dict:
    return await services(request).pricing.quote(amount, currency)


@app.get("/places")
async def places(q: str, request: Request) -> dict | None:
    return await services(request).places.lookup(q)


@app.get("/accounts/{account}")
async def account(account: str) -> dict:
    return await backoffice().accounts.summary(account)
