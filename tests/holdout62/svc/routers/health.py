"""Liveness and readiness probes."""
from __future__ import annotations

import asyncio
import time

from fastapi import APIRouter, Request, Response, status
from sqlalchemy import text

from svc.db.engine import sessionmaker
from svc.db.pg import pool
from svc.redis_client import get_redis

router = APIRouter(tags=["health"])


@router.get("/health/live")
async def live() -> dict:
    return {"status": "ok"}


@router.get("/health/ready")
async def ready(request: Request) -> dict:
    return {"status": "ok", "uptime": time.monotonic() - request.app.state.started_at}


@router.get("/health/deps")
async def deps(response: Response) -> dict:
    checks: dict[str, str] = {}

    async def _sql() -> None:
        async with sessionmaker()() as session:
            await session.execute(text("SELECT 1"))

    async def _pg() -> None:
        async with pool().acquire(timeout=2) as conn:
            await conn.fetchval("SELECT 1")

    for name, probe in (("sql", _sql), ("pg", _pg), ("redis", get_redis().ping)):
        try:
            await asyncio.wait_for(probe(), timeout=3)
            checks[name] = "ok"
        except Exception as exc:
            checks[name] = f"error: {type(exc).__name__}"
    if any(v != "ok" for v in checks.values()):
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return checks
