from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from seqcore.api.auth import Principal, require_staff
from seqcore.db.pg import ACQUIRE_TIMEOUT_S

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/health", tags=["health"])


@router.get("/live")
async def live() -> dict:
    return {"status": "ok"}


@router.get("/ready")
async def ready(request: Request) -> dict:
    state = request.app.state
    if getattr(state, "sessionmaker", None) is None:
        return {"status": "starting"}
    return {"status": "ready", "watcher_running": not state.watcher_task.done()}


@router.get("/dependencies")
async def dependencies(request: Request, _: Principal = Depends(require_staff)) -> JSONResponse:
    state = request.app.state
    checks: dict[str, str] = {}

    async def db() -> None:
        async with state.pg.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            await conn.fetchval("SELECT 1")
        async with state.sessionmaker() as session:
            await session.execute(text("SELECT 1"))

    for name, probe in (("postgres", db), ("redis", state.redis.ping)):
        try:
            await asyncio.wait_for(probe(), timeout=2.0)
            checks[name] = "ok"
        except Exception as exc:
            logger.warning("dependency %s failed health probe: %s", name, exc)
            checks[name] = f"error: {type(exc).__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return JSONResponse(status_code=200 if healthy else 503, content=checks)
