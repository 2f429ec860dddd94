"""Caches on objects with different lifetimes: one per request, one for the process."""
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request


class QuoteBatch:
    """Prices one basket: built per request and dropped with it."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._price_cache: dict[str, float] = {}

    async def price(self, symbol: str) -> float:
        cached = self._price_cache.get(symbol)
        if cached is None:
            cached = (await self._client.get(f"/px/{symbol}")).json()["price"]
            self._price_cache[symbol] = cached
        return cached


class InstrumentDirectory:
    """Instrument metadata, kept on app.state for the life of the process."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._meta_cache: dict[str, dict] = {}  # expect: unbounded-cache

    async def meta(self, symbol: str) -> dict:
        found = self._meta_cache.get(symbol)
        if found is None:
            found = (await self._client.get(f"/meta/{symbol}")).json()
            self._meta_cache[symbol] = found
        return found


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = httpx.AsyncClient(timeout=5)
    app.state.directory = InstrumentDirectory(client)
    yield
    await client.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/basket")
async def price_basket(request: Request, symbols: list[str]) -> dict:
    batch = QuoteBatch(request.app.state.client)
    return {s: await batch.price(s) for s in symbols}


@app.get("/meta/{symbol}")
async def meta(request: Request, symbol: str) -> dict:
    return await request.app.state.directory.meta(symbol)
