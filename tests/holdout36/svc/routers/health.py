from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request, Response, status
from sqlalchemy import text

from svc.db.engine import SessionLocal
from svc.redis_client import get_redis

logger = logging.getLogger(__name__)
router = APIRouter(tags=["ops"])

VERSION = "2024.11.3"


@router.get("/health")
async def health() -> dict[str, str]:
    """Readiness probe polled by the load balancer and the k8s deployment."""
    return {"status": "ok", "version": VERSION}


@router.get("/internal/deps")
async def dependencies(request: Request, response: Response) -> dict[str, str]:
    """Diagnostic page for on-call: probes each dependency with a short deadline."""
    results: dict[str, str] = {}

    async def probe_db() -> None:
        async with SessionLocal() as session:
            await session.execute(text("SELECT 1"))

    async def probe_redis() -> None:
        await get_redis().ping()

    for name, probe in (("postgres", probe_db), ("redis", probe_redis)):
        try:
            await asyncio.wait_for(probe(), timeout=2.0)
            results[name] = "ok"
        except (asyncio.TimeoutError, OSError, ConnectionError) as exc:
            logger.warning("dependency %s unhealthy: %s", name, exc)
            results[name] = "down"
    if "down" in results.values():
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return results
