"""Bidding API: every bid request consults the partner lookups."""
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

from bidding.lookups import BrandSafetyClient, GeoClient
from bidding.reports import ReportClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(timeout=2.0)
    app.state.geo = GeoClient(http, "https://geo.example.com")
    app.state.safety = BrandSafetyClient(http, "https://safety.example.com")
    app.state.reports = ReportClient("https://reports.example.com")
    yield
    await http.aclose()
    await app.state.reports.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/bid")
async def bid(ip: str, domain: str, request: Request) -> dict:
    geo = await request.app.state.geo.lookup(ip)
    if not await request.app.state.safety.is_safe(domain):
        return {"bid": None}
    return {"bid": 0.42, "country": geo}


@app.get("/reports/{day}")
async def report(day: str, request: Request) -> dict:
    return await request.app.state.reports.daily(day)
