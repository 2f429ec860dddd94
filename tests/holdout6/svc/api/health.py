"""Kubernetes probes."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, Response, status
from sqlalchemy import text

from svc.cache.redis_client import redis
from svc.db.base import engine
from svc.db.raw import get_pool

router = APIRouter(tags=["health"])


@router.get("/livez")
async def livez() -> dict:
    return {"status": "alive"}


@router.get("/readyz")
async def readyz(response: Response) -> dict:
    checks: dict[str, str] = {}

    async def db() -> None:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def audit_db() -> None:
        async with get_pool().acquire(timeout=2) as conn:
            await conn.fetchval("SELECT 1")

    for name, probe in (("db", db), ("audit_db", audit_db), ("redis", redis.ping)):
        try:
            await asyncio.wait_for(probe(), timeout=2)
            checks[name] = "ok"
        except Exception as exc:
            checks[name] = f"failed: {type(exc).__name__}"
    if any(v != "ok" for v in checks.values()):
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return checks
