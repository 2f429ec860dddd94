from __future__ import annotations

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from docflow.clients.renderer import renderer
from docflow.db.engine import sessionmaker
from docflow.db.raw import raw_pool
from docflow.redis_client import redis

router = APIRouter(tags=["health"])


@router.get("/livez")
async def livez() -> dict:
    return {"ok": True}


@router.get("/readyz")
async def readyz() -> dict:
    return {"status": "ready"}


@router.get("/status/dependencies")
async def dependencies() -> JSONResponse:
    async def _db() -> bool:
        async with sessionmaker()() as session:
            await session.execute(text("SELECT 1"))
        return True

    async def _raw() -> bool:
        async with raw_pool.get().acquire(timeout=2) as conn:
            await conn.fetchval("SELECT 1")
        return True

    async def _redis() -> bool:
        return bool(await redis().ping())

    checks = {"db": _db(), "raw": _raw(), "redis": _redis(), "renderer": renderer.healthy()}
    results = await asyncio.gather(
        *(asyncio.wait_for(c, timeout=3) for c in checks.values()), return_exceptions=True
    )
    status = {name: (r is True) for name, r in zip(checks, results)}
    code = 200 if status["db"] and status["raw"] and status["redis"] else 503
    return JSONResponse({"checks": status}, status_code=code)
