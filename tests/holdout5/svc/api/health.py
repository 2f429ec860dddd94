from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Response, status
from sqlalchemy import text

from svc.cache.redis import bus, cache
from svc.db.engine import engine
from svc.db.locations import locations

log = logging.getLogger(__name__)

router = APIRouter(tags=["health"])


@router.get("/livez")
async def livez() -> dict[str, str]:
    return {"status": "alive"}


async def _check_db() -> None:
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))


async def _check_locations() -> None:
    async with locations.pool.acquire(timeout=1.0) as conn:
        await conn.fetchval("SELECT 1")


@router.get("/readyz")
async def readyz(response: Response) -> dict[str, str]:
    checks = {"db": _check_db(), "locations": _check_locations(), "cache": cache.ping(), "bus": bus.ping()}
    results: dict[str, str] = {}
    for name, probe in checks.items():
        try:
            await asyncio.wait_for(probe, timeout=2.0)
            results[name] = "ok"
        except Exception as exc:
            log.warning("readiness check %s failed: %s", name, exc)
            results[name] = "fail"
    if any(v != "ok" for v in results.values()):
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return results
