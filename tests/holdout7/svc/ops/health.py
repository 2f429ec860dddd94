from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Response, status
from sqlalchemy import text

from svc.data.db import engine
from svc.data.redis_store import bus_redis, cache_redis

log = logging.getLogger(__name__)
router = APIRouter(tags=["ops"])


@router.get("/livez")
async def liveness() -> dict:
    return {"status": "alive"}


@router.get("/readyz")
async def readiness(response: Response) -> dict:
    checks: dict[str, bool] = {}
    try:
        async with asyncio.timeout(2):
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        checks["database"] = True
    except Exception:
        log.warning("readiness: database unavailable", exc_info=True)
        checks["database"] = False
    for name, client in (("cache", cache_redis), ("bus", bus_redis)):
        try:
            checks[name] = bool(await asyncio.wait_for(client.ping(), timeout=1))
        except Exception:
            log.warning("readiness: %s unavailable", name, exc_info=True)
            checks[name] = False
    if not all(checks.values()):
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return {"status": "ready" if all(checks.values()) else "degraded", "checks": checks}
