from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response, status
from sqlalchemy import text

from svc.db.engine import sessionmaker

router = APIRouter(tags=["health"])


@router.get("/health/live")
async def live() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/health/ready")
async def ready(request: Request, response: Response) -> dict[str, object]:
    checks: dict[str, bool] = {}

    async def db() -> None:
        async with sessionmaker()() as session:
            await session.execute(text("SELECT 1"))

    async def cache() -> None:
        await request.app.state.redis.ping()

    for name, probe in (("database", db), ("redis", cache)):
        try:
            await asyncio.wait_for(probe(), timeout=2.0)
            checks[name] = True
        except Exception:
            checks[name] = False
    checks["signer"] = await request.app.state.signer.health()
    healthy = all(checks.values())
    if not healthy:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return {"status": "ready" if healthy else "degraded", "checks": checks}
