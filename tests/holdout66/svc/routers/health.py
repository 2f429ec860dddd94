from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from svc.db import pg
from svc.db.engine import engine
from svc.redis_client import get_redis

log = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


@router.get("/livez")
async def livez() -> dict:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    checks: dict[str, str] = {}

    async def check_db() -> None:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def check_analytics() -> None:
        async with pg.pool().acquire(timeout=2) as conn:
            await conn.fetchval("SELECT 1")

    async def check_redis() -> None:
        await get_redis().ping()

    for name, check in (("db", check_db), ("analytics", check_analytics), ("redis", check_redis)):
        try:
            await asyncio.wait_for(check(), timeout=3)
            checks[name] = "ok"
        except Exception as exc:
            log.warning("readiness check %s failed: %s", name, exc)
            checks[name] = "failing"
    ok = all(v == "ok" for v in checks.values())
    return JSONResponse(status_code=200 if ok else 503, content={"status": "ok" if ok else "degraded", "checks": checks})


@router.get("/internal/workers")
async def worker_status(request: Request) -> dict:
    tasks: dict[str, asyncio.Task] = request.app.state.worker_tasks
    return {"workers": {name: ("running" if not t.done() else "stopped") for name, t in tasks.items()}}
