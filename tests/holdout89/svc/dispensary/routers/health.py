from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from dispensary import __version__
from dispensary.deps import ContainerDep

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/health", tags=["health"])


@router.get("/live")
async def live() -> dict[str, str]:
    # Liveness only says the event loop answers; dependencies belong to readiness.
    return {"status": "ok"}


@router.get("/ready")
async def ready() -> dict[str, str]:
    return {"status": "ready", "version": __version__}


@router.get("/dependencies")
async def dependencies(container: ContainerDep) -> JSONResponse:
    """Operator view of each dependency; used by the on-call dashboard, not by the orchestrator."""
    results: dict[str, str] = {}

    async def database() -> None:
        async with container.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def pg_pool() -> None:
        async with container.pg_pool.acquire(timeout=2) as conn:
            await conn.fetchval("SELECT 1")

    async def cache() -> None:
        await container.redis.ping()

    for name, probe in (("database", database), ("pg_pool", pg_pool), ("redis", cache)):
        try:
            await asyncio.wait_for(probe(), timeout=3)
            results[name] = "ok"
        except Exception as exc:
            logger.warning("dependency %s failed health probe: %s", name, exc)
            results[name] = "failing"
    results["drugdb_circuit"] = "open" if container.drugdb.breaker.is_open else "closed"
    healthy = all(value in ("ok", "closed") for value in results.values())
    return JSONResponse(results, status_code=200 if healthy else 503)
