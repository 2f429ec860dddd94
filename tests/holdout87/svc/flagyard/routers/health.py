from __future__ import annotations

from fastapi import APIRouter, Request

from .. import __version__

router = APIRouter(tags=["health"])


@router.get("/livez")
async def livez() -> dict[str, str]:
    # Liveness only says the event loop is serving; dependencies are the readiness probe's job.
    return {"status": "alive", "version": __version__}


@router.get("/readyz")
async def readyz(request: Request) -> dict[str, object]:
    return {"status": "ready", "stream_connections": request.app.state.hub.size}
