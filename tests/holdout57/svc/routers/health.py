from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Depends

from svc.routers.deps import services

log = logging.getLogger(__name__)

router = APIRouter(prefix="/health", tags=["health"])


@router.get("/live")
async def live():
    return {"status": "ok"}


async def _probe(name: str, coro) -> bool:
    try:
        await asyncio.wait_for(coro, timeout=2)
    except Exception:
        log.warning("readiness probe %s failed", name, exc_info=True)
        return False
    return True


@router.get("/ready")
async def ready(svc=Depends(services)):
    db_ok, redis_ok = await asyncio.gather(_probe("database", svc.db.ping()), _probe("redis", svc.redis.ping()))
    storage_ok = await svc.storage.reachable()
    return {"database": db_ok, "redis": redis_ok, "storage": storage_ok}
