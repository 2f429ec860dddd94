from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response
from sqlalchemy import text

from dispatch.db.engine import engine

router = APIRouter(tags=["health"])


@router.get("/livez")
async def livez() -> dict:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> dict:
    return {"status": "ready", "ws_drivers": request.app.state.connections.connected_count()}


@router.get("/healthz/deps")
async def dependencies(request: Request, response: Response) -> dict:
    async def db() -> None:
        async with engine.connect() as conn:
            await conn.execute(text("select 1"))

    async def cache() -> None:
        await request.app.state.redis.ping()

    results: dict[str, str] = {}
    for name, check in (("postgres", db), ("redis", cache)):
        try:
            await asyncio.wait_for(check(), timeout=2.0)
            results[name] = "ok"
        except Exception as exc:
            results[name] = f"error: {type(exc).__name__}"
    if any(v != "ok" for v in results.values()):
        response.status_code = 503
    return results
