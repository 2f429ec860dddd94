from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request, Response, status
from sqlalchemy import text

log = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


@router.get("/healthz/live")
async def live() -> dict:
    return {"status": "ok"}


@router.get("/healthz/ready")
async def ready(request: Request, response: Response) -> dict:
    state = request.app.state
    checks: dict[str, str] = {}

    async def check_db() -> None:
        async with state.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def check_pg_pool() -> None:
        async with state.pg_pool.acquire(timeout=2) as conn:
            await conn.fetchval("SELECT 1")

    async def check_redis() -> None:
        await state.redis.ping()

    for name, probe in (("db", check_db), ("pg_pool", check_pg_pool), ("redis", check_redis)):
        try:
            await asyncio.wait_for(probe(), timeout=3)
            checks[name] = "ok"
        except Exception as exc:
            log.warning("readiness check %s failed: %s", name, exc)
            checks[name] = "fail"

    scheduler_task = state.scheduler_task
    checks["scheduler"] = "ok" if scheduler_task and not scheduler_task.done() else "stopped"
    checks["websockets"] = str(state.hub.connection_count())
    healthy = all(v == "ok" for k, v in checks.items() if k != "websockets")
    if not healthy:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return {"status": "ok" if healthy else "degraded", "checks": checks}
