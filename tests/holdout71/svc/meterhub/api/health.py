from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response
from sqlalchemy import text

from ..db import SessionLocal, readings_pool

router = APIRouter(prefix="/health", tags=["health"])


@router.get("/live")
async def live() -> dict:
    return {"status": "ok"}


@router.get("/ready")
async def ready() -> dict:
    return {"status": "ready"}


@router.get("/deps")
async def dependencies(request: Request, response: Response) -> dict:
    async def db() -> None:
        async with SessionLocal() as session:
            await session.execute(text("SELECT 1"))

    async def readings() -> None:
        async with readings_pool.connection() as conn:
            await conn.fetchval("SELECT 1")

    async def redis() -> None:
        await request.app.state.redis.ping()

    checks = {"db": db, "readings": readings, "redis": redis}
    results: dict[str, str] = {}
    for name, check in checks.items():
        try:
            await asyncio.wait_for(check(), timeout=2.0)
            results[name] = "ok"
        except Exception as exc:
            results[name] = f"error: {type(exc).__name__}"
    if any(v != "ok" for v in results.values()):
        response.status_code = 503
    return results
