from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request, Response
from sqlalchemy import text

from svc.db.engine import engine
from svc.utils.metrics import local_counters

router = APIRouter(tags=["health"])
logger = logging.getLogger(__name__)


@router.get("/healthz")
async def liveness() -> dict:
    return {"status": "ok"}


@router.get("/readyz")
async def readiness(request: Request, response: Response) -> dict:
    checks: dict[str, str] = {}

    async def _db() -> None:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def _redis() -> None:
        await request.app.state.redis.ping()

    for name, probe in (("database", _db), ("redis", _redis)):
        try:
            await asyncio.wait_for(probe(), timeout=2.0)
            checks[name] = "ok"
        except Exception as exc:
            logger.warning("readiness check %s failed: %r", name, exc)
            checks[name] = "fail"

    workers = request.app.state.worker_tasks
    dead = [name for name, task in workers.items() if task.done()]
    checks["workers"] = "ok" if not dead else "dead: " + ",".join(sorted(dead))

    healthy = all(v == "ok" for v in checks.values())
    response.status_code = 200 if healthy else 503
    return {"status": "ok" if healthy else "degraded", "checks": checks}


@router.get("/debug/counters")
async def counters() -> dict:
    return local_counters.snapshot()
