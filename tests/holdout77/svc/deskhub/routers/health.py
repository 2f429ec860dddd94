from __future__ import annotations

import time

from fastapi import APIRouter, Request

from .. import __version__

router = APIRouter(tags=["health"])


@router.get("/health/live")
async def liveness() -> dict[str, str]:
    # Liveness only says the process is serving; dependency trouble must not get pods restarted.
    return {"status": "ok"}


@router.get("/health/ready")
async def readiness(request: Request) -> dict[str, object]:
    uptime = time.monotonic() - request.app.state.started_at
    return {"status": "ready", "version": __version__, "uptime_s": round(uptime)}
