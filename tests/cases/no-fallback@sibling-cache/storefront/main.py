"""Storefront API."""
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from redis.asyncio import Redis

from storefront.catalog import CatalogClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.http = httpx.AsyncClient(timeout=5.0)
    app.state.catalog = CatalogClient(app.state.http, Redis.from_url("redis://cache:6379/0"), "https://catalog.internal")
    yield
    await app.state.http.aclose()


app = FastAPI(lifespan=lifespan)


@app.get("/packs/{pack_id}")
async def pack(pack_id: str, request: Request) -> dict:
    return await request.app.state.catalog.pack(pack_id)


@app.get("/store/{region}/offers")
async def offers(region: str, request: Request) -> list[dict]:
    return await request.app.state.catalog.offers(region)


@app.get("/store/{region}/featured")
async def featured(region: str, request: Request) -> list[dict]:
    return await request.app.state.catalog.featured(region)
