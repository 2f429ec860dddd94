from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request, Response, status
from sqlalchemy import text

from svc.db.engine import sessionmaker
from svc.db.engine import pg

log = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


@router.get("/livez")
async def livez() -> dict:
    return {"status": "alive"}


@router.get("/readyz")
async def readyz(request: Request) -> dict:
    return {"status": "ready", "env": request.app.state.settings.environment}


@router.get("/healthz/deep")
async def deep(request: Request, response: Response) -> dict:
    checks: dict[str, str] = {}

    async def db() -> None:
        async with sessionmaker()() as session:
            await session.execute(text("SELECT 1"))

    async def raw() -> None:
        async with pg.acquire() as conn:
            await conn.fetchval("SELECT 1")

    async def cache() -> None:
        await request.app.state.redis.ping()

    for name, probe in (("database", db), ("asyncpg", raw), ("redis", cache)):
        try:
            await asyncio.wait_for(probe(), timeout=2.0)
            checks[name] = "ok"
        except Exception as exc:
            log.warning("health probe %s failed: %r", name, exc)
            checks[name] = "fail"
    workers = request.app.state.supervisor.status()
    checks.update({f"worker:{k}": v for k, v in workers.items()})
    if any(v != "ok" for v in checks.values()):
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return checks
