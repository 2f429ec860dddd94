from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from .listener import country_of, follow_rule_changes, render_reports, report_view


@asynccontextmanager
async def lifespan(app: FastAPI):
    tasks = [asyncio.create_task(follow_rule_changes()), asyncio.create_task(render_reports())]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)


@app.get("/views/{name}")
async def view(name: str) -> dict:
    return await report_view(name)


@app.get("/status")
async def status() -> dict:
    async with httpx.AsyncClient(timeout=5) as client:
        response = await client.get("https://upstream.example/status")
    return response.json()


@app.get("/visitors/{ip}")
async def visitor(ip: str) -> dict:
    return {"country": await country_of(ip)}
